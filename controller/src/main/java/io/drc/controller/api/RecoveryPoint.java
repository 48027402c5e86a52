package io.drc.controller.api;

import io.drc.controller.core.ResourceKind;
import java.time.Instant;

/**
 * A recovery point drc knows of: an AMI, EBS snapshot or RDS snapshot in some region.
 *
 * @param sourceTime  when the data was captured at the source; the RPO is measured from here
 * @param completedAt when it became usable, null while in progress
 * @param awsId       AWS's id (ami-…, snap-…, or an RDS snapshot ARN)
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
        Instant createdAt) {}
