package io.drc.controller.api;

import io.drc.controller.core.ResourceKind;
import java.time.Instant;

/** What drc saw of a recovery point in AWS; stored by (region, awsId). */
public record ObservedRecoveryPoint(
        String resourceId,
        ResourceKind kind,
        String region,
        Instant sourceTime,
        Instant completedAt,
        RecoveryPointState state,
        String awsId) {}
