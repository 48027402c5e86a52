package io.drc.controller.replication;

import io.drc.controller.api.ObservedRecoveryPoint;
import io.drc.controller.api.RecoveryPoint;
import io.drc.controller.db.RecoveryPointStore;
import java.util.HashSet;
import java.util.List;
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
        Set<String> present = new HashSet<>();
        for (KindReplicator<?> replicator : replicators) {
            for (ObservedRecoveryPoint point : replicator.observe(region)) {
                catalog.upsert(point);
                present.add(point.awsId());
            }
        }
        for (RecoveryPoint known : catalog.live(region)) {
            if (!present.contains(known.awsId()) && context.isProtected(known.resourceId())) {
                LOG.info("recovery point {} of {} is no longer in {}; marked deleted", known.awsId(),
                        known.resourceId(), region);
                catalog.markDeleted(region, known.awsId());
            }
        }
        return present.size();
    }
}
