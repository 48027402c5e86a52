package io.drc.controller.replication;

import io.drc.controller.api.ObservedRecoveryPoint;
import io.drc.controller.api.RecoveryPoint;
import io.drc.controller.db.RecoveryPointStore;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes the catalog say what AWS holds: every drc-tagged recovery point of this application in both regions
 * is upserted, and catalogued points AWS no longer has are marked deleted. The truth is the DR region, not
 * what the daemon remembers.
 */
public final class CatalogReconciler {
    private static final Logger LOG = LoggerFactory.getLogger(CatalogReconciler.class);

    private final ReplicationContext context;
    private final RecoveryPointStore catalog;
    private final List<KindReplicator<?>> replicators;

    public CatalogReconciler(ReplicationContext context, RecoveryPointStore catalog, List<KindReplicator<?>> replicators) {
        this.context = context;
        this.catalog = catalog;
        this.replicators = replicators;
    }

    /** Returns how many points AWS reported. A region that cannot be described is left as it was. */
    public int reconcile() {
        int seen = 0;
        for (String region : context.regions()) {
            try {
                seen += reconcile(region);
            } catch (RuntimeException e) {
                LOG.warn("cannot reconcile the catalog with {}: {}", region, e.getMessage());
            }
        }
        return seen;
    }

    private int reconcile(String region) {
        Map<String, RecoveryPoint> known = new HashMap<>();
        catalog.live(region).forEach(p -> known.put(p.awsId(), p));
        Set<String> present = new HashSet<>();
        int written = 0;
        for (KindReplicator<?> replicator : replicators) {
            for (ObservedRecoveryPoint point : replicator.observe(region)) {
                present.add(point.awsId());
                // Only what changed is written: rewriting thousands of unchanged rows every pass is what grew
                // the H2 file by hundreds of megabytes an hour.
                if (changes(known.get(point.awsId()), point)) {
                    catalog.upsert(point);
                    written++;
                }
            }
        }
        for (RecoveryPoint point : known.values()) {
            if (!present.contains(point.awsId()) && context.isProtected(point.resourceId())) {
                LOG.info("recovery point {} of {} is no longer in {}; marked deleted", point.awsId(),
                        point.resourceId(), region);
                catalog.markDeleted(region, point.awsId());
            }
        }
        LOG.debug("catalog of {}: {} point(s) in AWS, {} written", region, present.size(), written);
        return present.size();
    }

    /**
     * Pure: whether what AWS shows differs from the catalog's row (a row it lacks, a new state or source time, or
     * an AMI's snapshots the row does not know: one recorded before drc kept them).
     */
    static boolean changes(RecoveryPoint known, ObservedRecoveryPoint seen) {
        return known == null || known.state() != seen.state() || !known.sourceTime().equals(seen.sourceTime())
                || known.completedAt() == null && seen.completedAt() != null
                || known.associatedSnapshots() == null && seen.associatedSnapshots() != null;
    }
}
