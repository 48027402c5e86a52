package io.drc.controller.api;

import io.drc.controller.core.ResourceKind;
import jakarta.validation.constraints.NotNull;
import java.time.Instant;
import java.util.List;

/**
 * {@code POST /api/v1/replication/run} with {@code "dryRun": true} → 200: what "replicate now" would do, nothing
 * started. {@code copies}: one per resource that would get a new job; {@code alreadyInFlight}: resources whose copy
 * still runs (not copied twice).
 */
public record ReplicationRunPlan(boolean dryRun, @NotNull List<PlannedCopy> copies, @NotNull List<String> alreadyInFlight) {

    /**
     * @param calls            the AWS calls that make the copy, in order, each with its region
     * @param retentionDeletes the recovery points retention would delete once this copy completes, were it to
     *                         complete now (the newest {@code keepLast} stay; older than {@code maxAge} go)
     */
    public record PlannedCopy(String resource, ResourceKind kind, String source, String fromRegion, String toRegion,
                              List<String> calls, List<PlannedDeletion> retentionDeletes) { }

    /**
     * A recovery point retention would delete: AWS's id, its region, its data's time, and what goes with it.
     *
     * @param alsoDeletes         the EBS snapshots deleted with it: an AMI is deregistered with its snapshots
     *                            ({@code DeleteAssociatedSnapshots}; AWS keeps one another AMI uses). Empty for an EBS
     *                            or RDS snapshot, and for an AMI whose snapshots drc has not recorded
     * @param alsoDeletesUnknown  true for an AMI whose snapshots drc has not recorded (a point recorded before drc
     *                            kept them, until the catalog reconciliation reads its image again): its snapshots go
     *                            with it all the same, unnamed here
     */
    public record PlannedDeletion(String id, String region, Instant sourceTime, @NotNull List<String> alsoDeletes,
                                  boolean alsoDeletesUnknown) { }
}
