package io.drc.controller.api;

import io.drc.controller.core.ResourceKind;
import jakarta.validation.constraints.NotNull;
import java.time.Instant;

/** One item of {@code GET /api/v1/recovery-points}: {@code id} is AWS's (ami-…, snap-…, RDS snapshot ARN). */
public record RecoveryPointItem(String id, @NotNull String resource, @NotNull ResourceKind kind, @NotNull String region,
                                Instant sourceTime, Instant completedAt, @NotNull RecoveryPointState state) {
    public static RecoveryPointItem of(RecoveryPoint point) {
        return new RecoveryPointItem(point.awsId(), point.resourceId(), point.kind(), point.region(),
                point.sourceTime(), point.completedAt(), point.state());
    }
}
