package io.drc.controller.replication;

import io.drc.controller.api.RecoveryPointState;
import io.drc.controller.core.ResourceKind;
import io.drc.controller.db.RecoveryPointStore;
import io.drc.controller.db.ReplicationJobStore;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies a resource's {@link RetentionPolicy} in both regions. Only catalogued points are candidates (the
 * catalog holds only what carries drc's tags), points an active job still needs are spared, and each delete is
 * guarded again by the tags AWS reports ({@link KindReplicator#deleteIfOwned}).
 */
public final class RetentionPruner {
    private static final Logger LOG = LoggerFactory.getLogger(RetentionPruner.class);

    private final ReplicationContext context;
    private final RecoveryPointStore catalog;
    private final ReplicationJobStore jobs;
    private final Map<ResourceKind, KindReplicator> replicators;
    private final Clock clock;

    public RetentionPruner(ReplicationContext context, RecoveryPointStore catalog, ReplicationJobStore jobs,
                           Map<ResourceKind, KindReplicator> replicators, Clock clock) {
        this.context = context;
        this.catalog = catalog;
        this.jobs = jobs;
        this.replicators = replicators;
        this.clock = clock;
    }

    private static boolean tryDelete(KindReplicator replicator, String region, String awsId) {
        try {
            return replicator.deleteIfOwned(region, awsId);
        } catch (RuntimeException e) {
            // Gone already or not deletable now; reconciliation settles the catalog, the next prune retries.
            throw new IllegalStateException("cannot delete " + awsId + " in " + region + ": " + e.getMessage(), e);
        }
    }

    /** Returns the AWS ids deleted. */
    public List<String> prune(String resourceId) {
        RetentionPolicy policy = context.retentionOf(resourceId);
        Set<String> inUse = new HashSet<>();
        jobs.activeFor(resourceId).ifPresent(j -> {
            inUse.add(j.sourceId());
            inUse.add(j.copyId());
        });
        KindReplicator replicator = replicators.get(context.resource(resourceId).kind());
        List<String> deleted = new ArrayList<>();
        for (String region : context.regions()) {
            List<RetentionPolicy.Point> completed = catalog.live(region, resourceId).stream()
                    .filter(p -> p.state() == RecoveryPointState.COMPLETED)
                    .map(p -> new RetentionPolicy.Point(p.awsId(), p.sourceTime())).toList();
            for (RetentionPolicy.Point point : policy.toDelete(completed, clock.instant())) {
                if (inUse.contains(point.awsId())) {
                    continue;
                }
                if (tryDelete(replicator, region, point.awsId())) {
                    LOG.info("retention of {}: deleted {} in {} (source time {})", resourceId, point.awsId(), region,
                            point.sourceTime());
                    deleted.add(point.awsId());
                } else {
                    LOG.warn("retention of {}: {} in {} does not carry drc's tags for this application; left alone",
                            resourceId, point.awsId(), region);
                }
                catalog.markDeleted(region, point.awsId());
            }
        }
        return deleted;
    }
}
