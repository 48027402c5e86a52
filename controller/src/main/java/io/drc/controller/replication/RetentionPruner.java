package io.drc.controller.replication;

import io.drc.controller.api.RecoveryPointState;
import io.drc.controller.core.ResourceKind;
import io.drc.controller.db.RecoveryPointStore;
import io.drc.controller.db.ReplicationJobStore;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
    private final Map<ResourceKind, KindReplicator<?>> replicators;
    private final Clock clock;

    public RetentionPruner(ReplicationContext context, RecoveryPointStore catalog, ReplicationJobStore jobs,
                           Map<ResourceKind, KindReplicator<?>> replicators, Clock clock) {
        this.context = context;
        this.catalog = catalog;
        this.jobs = jobs;
        this.replicators = replicators;
        this.clock = clock;
    }

    /** A point retention would delete. */
    private record Doomed(String resourceId, String region, RetentionPolicy.Point point) {}

    /** Returns the AWS ids deleted. */
    public List<String> prune(String resourceId) {
        return prune(List.of(resourceId));
    }

    /**
     * Prunes many resources at once: their doomed points are described in one batched look per kind and region
     * (the ownership guard), then deleted one by one. A point that cannot be deleted now is left for the next prune.
     */
    public List<String> prune(Collection<String> resourceIds) {
        Map<ResourceKind, Map<String, List<Doomed>>> byKindAndRegion = new EnumMap<>(ResourceKind.class);
        for (String resourceId : resourceIds) {
            if (!context.isProtected(resourceId)) {
                continue;
            }
            ResourceKind kind = context.resource(resourceId).kind();
            for (Doomed doomed : doomed(resourceId)) {
                byKindAndRegion.computeIfAbsent(kind, k -> new HashMap<>())
                        .computeIfAbsent(doomed.region(), r -> new ArrayList<>()).add(doomed);
            }
        }
        List<String> deleted = new ArrayList<>();
        byKindAndRegion.forEach((kind, byRegion) -> byRegion.forEach((region, points) ->
                deleted.addAll(delete(replicators.get(kind), region, points))));
        return deleted;
    }

    private List<Doomed> doomed(String resourceId) {
        RetentionPolicy policy = context.retentionOf(resourceId);
        Set<String> inUse = new HashSet<>();
        jobs.activeFor(resourceId).ifPresent(j -> {
            inUse.add(j.sourceId());
            inUse.add(j.copyId());
        });
        List<Doomed> doomed = new ArrayList<>();
        for (String region : context.regions()) {
            List<RetentionPolicy.Point> completed = catalog.live(region, resourceId).stream()
                    .filter(p -> p.state() == RecoveryPointState.COMPLETED)
                    .map(p -> new RetentionPolicy.Point(p.awsId(), p.sourceTime())).toList();
            policy.toDelete(completed, clock.instant()).stream().filter(p -> !inUse.contains(p.awsId()))
                    .forEach(p -> doomed.add(new Doomed(resourceId, region, p)));
        }
        return doomed;
    }

    private <T> List<String> delete(KindReplicator<T> replicator, String region, List<Doomed> points) {
        List<String> deleted = new ArrayList<>();
        Lookup<T> looked;
        try {
            looked = replicator.lookPoints(region, points.stream().map(d -> d.point().awsId()).toList());
        } catch (RuntimeException e) {
            LOG.warn("retention cannot describe {} point(s) in {}; the next prune tries again: {}", points.size(),
                    region, e.getMessage());
            return deleted;
        }
        List<String> settled = new ArrayList<>();
        for (Doomed d : points) {
            String awsId = d.point().awsId();
            try {
                Optional<KindReplicator.Deleted> gone = replicator.deleteIfOwned(region, awsId, looked);
                if (gone.isPresent()) {
                    LOG.info("retention of {}: deleted {} in {} (source time {}){}", d.resourceId(), awsId, region,
                            d.point().sourceTime(), withIt(gone.get()));
                    deleted.add(awsId);
                } else {
                    LOG.warn("retention of {}: {} in {} does not carry drc's tags for this application (or is gone); "
                            + "left alone", d.resourceId(), awsId, region);
                }
                settled.add(awsId);
            } catch (RuntimeException e) {
                // Not deletable now (e.g. still in use); reconciliation settles the catalog, the next prune retries.
                LOG.warn("retention of {}: cannot delete {} in {}: {}", d.resourceId(), awsId, region, e.getMessage());
            }
        }
        catalog.markDeleted(region, settled);
        return deleted;
    }

    /** The log's account of what went with a point: an AMI's snapshots, and any AWS kept for another AMI. */
    static String withIt(KindReplicator.Deleted deleted) {
        String text = deleted.alsoDeleted().isEmpty() ? "" : " with its snapshots " + String.join(", ", deleted.alsoDeleted());
        return deleted.keptByAws().isEmpty() ? text
                : text + "; AWS kept " + String.join(", ", deleted.keptByAws()) + " (used by another AMI)";
    }
}
