package io.drc.controller.replication;

import io.drc.controller.api.ObservedRecoveryPoint;
import io.drc.controller.api.RecoveryPointState;
import io.drc.controller.db.RecoveryPointStore;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes what a job's step learned into the recovery-point catalog at once (reconciliation later confirms it
 * from AWS), and collects the resources whose job completed: {@link #pruneCompleted} prunes them together at the
 * end of a tick (one batched look per kind and region).
 */
public final class CatalogRecorder {
    private static final Logger LOG = LoggerFactory.getLogger(CatalogRecorder.class);

    private final ReplicationContext context;
    private final RecoveryPointStore catalog;
    private final RetentionPruner pruner;
    private final NewestRecoveryPoints newest;
    private final Clock clock;
    private final Set<String> completed = ConcurrentHashMap.newKeySet();

    public CatalogRecorder(ReplicationContext context, RecoveryPointStore catalog, RetentionPruner pruner,
                           NewestRecoveryPoints newest, Clock clock) {
        this.context = context;
        this.catalog = catalog;
        this.pruner = pruner;
        this.newest = newest;
        this.clock = clock;
    }

    /**
     * Records the point a step made or saw complete. {@code outcome}: the step's outcome, whose
     * {@link StepOutcome.Advance#associatedSnapshots} are the completed image's snapshots (kept with its point).
     */
    public void record(ReplicationJob before, ReplicationJob after, StepOutcome outcome) {
        List<String> snapshots = outcome instanceof StepOutcome.Advance advance ? advance.associatedSnapshots() : null;
        if (before.step() == JobStep.AWAIT_SOURCE && after.step() == JobStep.COPY) {
            save(after, context.regionOf(after.resourceId()), after.sourceId(), RecoveryPointState.COMPLETED, snapshots);
        } else if (before.step() == JobStep.COPY && after.step() == JobStep.AWAIT_COPY) {
            save(after, context.drRegion(), after.copyId(), RecoveryPointState.PENDING, null);
        } else if (before.step() == JobStep.AWAIT_COPY && after.step() != JobStep.AWAIT_COPY) {
            // A failed copy has left the job (copyId cleared for the next copy): it is the one read before.
            boolean failed = after.step() == JobStep.FAILED || after.step() == JobStep.COPY;
            save(before, context.drRegion(), before.copyId(),
                    failed ? RecoveryPointState.FAILED : RecoveryPointState.COMPLETED, failed ? null : snapshots);
        }
        if (after.step() == JobStep.DONE && before.step() != JobStep.DONE) {
            completed.add(after.resourceId());
        }
    }

    /** Applies retention to the resources whose job completed since the last call. */
    public void pruneCompleted() {
        List<String> resources = new ArrayList<>(completed);
        if (resources.isEmpty()) {
            return;
        }
        completed.removeAll(resources);
        try {
            pruner.prune(resources);
        } catch (RuntimeException e) {
            LOG.warn("retention of {} resource(s) failed; it is tried again after their next copy: {}",
                    resources.size(), e.getMessage());
        }
    }

    private void save(ReplicationJob job, String region, String awsId, RecoveryPointState state,
                      List<String> associatedSnapshots) {
        newest.offer(catalog.upsert(new ObservedRecoveryPoint(job.resourceId(), job.kind(), region, job.sourceTime(),
                state == RecoveryPointState.COMPLETED ? clock.instant() : null, state, awsId, associatedSnapshots)));
    }
}
