package io.drc.simulator.route53;

import com.fasterxml.jackson.annotation.JsonIgnore;
import software.amazon.awssdk.services.route53.model.HealthCheckConfig;

/** A health check: its configuration (AWS's defaults filled in) and the last status it reported. */
final class HealthCheckRecord implements java.io.Serializable {
    final String id;
    final String callerReference;
    /** Not shown by the admin API (an SDK object); {@link #type} says what kind of check it is. */
    @JsonIgnore
    final HealthCheckConfig config;
    final String type;
    long version = 1;
    /** The status when the alarm of a CLOUDWATCH_METRIC check last had data (LastKnownStatus); healthy at first. */
    boolean lastKnownHealthy = true;
    /**
     * The status Route 53 holds (before Inverted): healthy until its checkers have seen otherwise often enough
     * ({@link HealthCheckObserver}); a CALCULATED check has none of its own.
     */
    boolean healthy = true;
    /** Consecutive observations that disagreed with {@link #healthy}. */
    int disagreeing;
    /** What the checkers found at their last observation, and when (GetHealthCheckStatus). */
    String lastReport;
    java.time.Instant lastCheckedAt;

    HealthCheckRecord(String id, String callerReference, HealthCheckConfig config) {
        this.id = id;
        this.callerReference = callerReference;
        this.config = config;
        this.type = config.typeAsString();
    }
}
