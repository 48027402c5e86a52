package io.drc.controller.api;

import io.drc.controller.core.ResourceKind;
import java.time.Instant;
import java.util.List;

/**
 * What drc saw of a recovery point in AWS; stored by (region, awsId).
 *
 * @param associatedSnapshots an AMI's EBS snapshots as DescribeImages listed them once it was available (deleted
 *                            with it by retention); null when this observation did not learn them (not an AMI, or
 *                            not yet available): the store then keeps what it knew
 */
public record ObservedRecoveryPoint(
        String resourceId,
        ResourceKind kind,
        String region,
        Instant sourceTime,
        Instant completedAt,
        RecoveryPointState state,
        String awsId,
        List<String> associatedSnapshots) {

    public ObservedRecoveryPoint {
        associatedSnapshots = associatedSnapshots == null ? null : List.copyOf(associatedSnapshots);
    }

    /** A point observed without learning any associated snapshots. */
    public ObservedRecoveryPoint(String resourceId, ResourceKind kind, String region, Instant sourceTime,
                                 Instant completedAt, RecoveryPointState state, String awsId) {
        this(resourceId, kind, region, sourceTime, completedAt, state, awsId, null);
    }
}
