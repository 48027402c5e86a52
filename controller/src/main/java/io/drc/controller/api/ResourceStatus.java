package io.drc.controller.api;

import io.drc.controller.core.ResourceKind;
import jakarta.validation.constraints.NotNull;
import java.time.Instant;

/**
 * One protected resource in the status. {@code rpoSeconds} and {@code compliant} stay null until
 * drc first measures RPO; {@code rpoSeconds} stays null while there is nothing to measure from.
 * {@code error} says why the resource is not compliant, or its latest replication error.
 * {@code predictedRpoSeconds}: the RPO the resource is predicted to reach before its next copy completes, from the
 * copy queue, the durations drc has observed and the copy quota (null when drc cannot predict it, e.g. a replica).
 */
public record ResourceStatus(
        @NotNull String id,
        @NotNull ResourceKind kind,
        @NotNull String region,
        Double rpoSeconds,
        int rpoTargetSeconds,
        Boolean compliant,
        LatestRecoveryPoint latestRecoveryPoint,
        String error,
        Double predictedRpoSeconds) {

    /** The newest completed recovery point in the DR region. */
    public record LatestRecoveryPoint(String id, Instant sourceTime, Instant completedAt) {
        public static LatestRecoveryPoint of(RecoveryPoint point) {
            return new LatestRecoveryPoint(point.awsId(), point.sourceTime(), point.completedAt());
        }
    }
}
