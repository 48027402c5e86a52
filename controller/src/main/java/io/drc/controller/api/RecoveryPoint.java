package io.drc.controller.api;

import io.drc.controller.core.ResourceKind;
import java.time.Instant;
import java.util.List;

/**
 * A recovery point drc knows of: an AMI, EBS snapshot or RDS snapshot in some region.
 *
 * @param sourceTime          when the data was captured at the source; the RPO is measured from here
 * @param completedAt         when it became usable, null while in progress
 * @param awsId               AWS's id (ami-…, snap-…, or an RDS snapshot ARN)
 * @param associatedSnapshots an AMI's EBS snapshots, which retention deletes with it; null when drc does not know
 *                            them (a point recorded before drc kept them, one not yet available, or not an AMI)
 */
public record RecoveryPoint(
        long id,
        String resourceId,
        ResourceKind kind,
        String region,
        Instant sourceTime,
        Instant completedAt,
        RecoveryPointState state,
        String awsId,
        Instant createdAt,
        List<String> associatedSnapshots) {}
