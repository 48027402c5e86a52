package io.drc.controller.replication;

import java.time.Duration;
import java.time.Instant;

/**
 * The RPO achieved by one resource at {@code measuredAt}. {@code rpoSeconds} is null when there is nothing to
 * measure from (no completed recovery point in the DR region, replication not active): never compliant.
 *
 * @param reason why the resource is not compliant, or its last replication error; null when all is well
 */
public record RpoMeasurement(String resourceId, Double rpoSeconds, int targetSeconds, boolean compliant,
                             String reason, Instant measuredAt) {

    /** Pure: RPO of copied kinds = now − source time of the newest completed recovery point in DR. */
    public static RpoMeasurement fromSourceTime(String resourceId, Instant newestSourceTime, int targetSeconds,
                                                String error, Instant now) {
        if (newestSourceTime == null) {
            return new RpoMeasurement(resourceId, null, targetSeconds, false,
                    error != null ? error : "no completed recovery point in the DR region yet", now);
        }
        double rpo = Duration.between(newestSourceTime, now).toMillis() / 1000.0;
        // A replication error alone does not break compliance: the newest copy still bounds the loss.
        return judged(resourceId, rpo, targetSeconds, error, false, now);
    }

    /** Pure: a read replica's RPO is its ReplicaLag; −1 (or no datapoint) means replication is not active. */
    public static RpoMeasurement fromReplicaLag(String resourceId, Double lagSeconds, String replicationStatus,
                                                int targetSeconds, Instant now) {
        if (lagSeconds == null || lagSeconds < 0) {
            return new RpoMeasurement(resourceId, null, targetSeconds, false,
                    "replication is not active (ReplicaLag " + (lagSeconds == null ? "missing" : lagSeconds)
                            + ", status " + replicationStatus + ")", now);
        }
        String error = replicationStatus == null || "replicating".equals(replicationStatus) ? null
                : "replication status is " + replicationStatus;
        return judged(resourceId, lagSeconds, targetSeconds, error, true, now);
    }

    private static RpoMeasurement judged(String resourceId, double rpo, int target, String error,
                                         boolean errorBreaksCompliance, Instant now) {
        boolean withinTarget = rpo <= target;
        String reason = withinTarget ? error
                : "achieved RPO " + Math.round(rpo) + " s exceeds the target of " + target + " s"
                        + (error != null ? "; " + error : "");
        return new RpoMeasurement(resourceId, rpo, target, withinTarget && !(errorBreaksCompliance && error != null),
                reason, now);
    }

    /**
     * Pure: the same measurement, not compliant whatever its number, {@code why} first in the reason: the copies
     * it is measured from no longer protect what the application serves.
     */
    public RpoMeasurement notProtected(String why) {
        return new RpoMeasurement(resourceId, rpoSeconds, targetSeconds, false,
                reason == null ? why : why + "; " + reason, measuredAt);
    }

    public double ratio() {
        return rpoSeconds == null ? Double.POSITIVE_INFINITY : rpoSeconds / targetSeconds;
    }
}
