package io.drc.controller.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.util.Duration;
import io.dropwizard.validation.MinDuration;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import java.util.concurrent.TimeUnit;

/**
 * Defaults for protected resources, limits for copies into the DR region, and how often the replication
 * engine works: {@code tickInterval} (advance due jobs), {@code pollInterval} (look again at a pending image or
 * snapshot), {@code measureInterval} (measure and publish RPO), {@code reconcileInterval} (catalog from AWS),
 * {@code workers} (jobs advanced in parallel), {@code lease} (how long a daemon holds a job it is stepping; a killed
 * daemon's jobs are taken over after it), {@code enabled} (false: no schedules and no background copies —
 * status still reports what the DR region holds; for a standby daemon or tests of recovery alone),
 * {@code scheduling} (when copies start: {@code deadline} — when a resource's RPO would otherwise breach its target,
 * with the cron schedules as a floor — or {@code cron} alone), {@code deadlineMargin} (how long before its target a
 * resource's copy is planned to complete, at least) and {@code expectedDurations} (what a source or copy is assumed
 * to take until drc has observed some: the deadline plan, the predicted RPO and the feasibility check use them).
 */
public record ReplicationConfig(
        @JsonProperty("defaultSchedule") @NotEmpty String defaultSchedule,
        @JsonProperty("defaultRetention") @NotNull @Valid RetentionConfig defaultRetention,
        @JsonProperty("maxConcurrentCopies") @NotNull @Valid MaxConcurrentCopies maxConcurrentCopies,
        @JsonProperty("tickInterval") @MinDuration(value = 1, unit = TimeUnit.MILLISECONDS) Duration tickInterval,
        @JsonProperty("pollInterval") @MinDuration(value = 1, unit = TimeUnit.MILLISECONDS) Duration pollInterval,
        @JsonProperty("measureInterval") @MinDuration(value = 1, unit = TimeUnit.MILLISECONDS) Duration measureInterval,
        @JsonProperty("reconcileInterval") @MinDuration(value = 1, unit = TimeUnit.MILLISECONDS) Duration reconcileInterval,
        @JsonProperty("workers") @Min(1) @Max(64) Integer workers,
        @JsonProperty("lease") @MinDuration(value = 1, unit = TimeUnit.SECONDS) Duration lease,
        @JsonProperty("enabled") Boolean enabled,
        @JsonProperty("scheduling") Scheduling scheduling,
        @JsonProperty("deadlineMargin") @MinDuration(value = 0, unit = TimeUnit.SECONDS) Duration deadlineMargin,
        @JsonProperty("expectedDurations") @Valid ExpectedDurations expectedDurations) {

    public ReplicationConfig {
        enabled = enabled == null || enabled;
        tickInterval = tickInterval == null ? Duration.seconds(5) : tickInterval;
        pollInterval = pollInterval == null ? Duration.seconds(15) : pollInterval;
        measureInterval = measureInterval == null ? Duration.seconds(60) : measureInterval;
        reconcileInterval = reconcileInterval == null ? Duration.minutes(5) : reconcileInterval;
        workers = workers == null ? 8 : workers;
        lease = lease == null ? Duration.minutes(5) : lease;
        defaultSchedule = defaultSchedule == null ? "0 0/15 * * * ?" : defaultSchedule;
        defaultRetention = defaultRetention == null ? new RetentionConfig(7, null) : defaultRetention;
        maxConcurrentCopies = maxConcurrentCopies == null ? new MaxConcurrentCopies(null, null, null)
                : maxConcurrentCopies;
        scheduling = scheduling == null ? Scheduling.DEADLINE : scheduling;
        deadlineMargin = deadlineMargin == null ? Duration.seconds(60) : deadlineMargin;
        expectedDurations = expectedDurations == null ? new ExpectedDurations(null, null, null, null, null, null)
                : expectedDurations;
    }

    public static ReplicationConfig defaults() {
        return new ReplicationConfig(null, null, null, null, null, null, null, null, null, null, null, null, null);
    }

    /** When copies start. */
    public enum Scheduling {
        /** When the RPO would otherwise breach its target (predictive start), and at least on the cron schedules. */
        @JsonProperty("deadline") DEADLINE,
        /** On the cron schedules only (drc before deadline scheduling). */
        @JsonProperty("cron") CRON
    }

    /**
     * What each phase is assumed to take before drc has observed it; the defaults are AWS's order of magnitude for
     * small, incremental snapshots (AWS-FACTS.md). Observed durations replace them as copies complete.
     */
    public record ExpectedDurations(
            @JsonProperty("ebsSnapshot") @MinDuration(value = 1, unit = TimeUnit.MILLISECONDS) Duration ebsSnapshot,
            @JsonProperty("ebsCopy") @MinDuration(value = 1, unit = TimeUnit.MILLISECONDS) Duration ebsCopy,
            @JsonProperty("image") @MinDuration(value = 1, unit = TimeUnit.MILLISECONDS) Duration image,
            @JsonProperty("imageCopy") @MinDuration(value = 1, unit = TimeUnit.MILLISECONDS) Duration imageCopy,
            @JsonProperty("dbSnapshot") @MinDuration(value = 1, unit = TimeUnit.MILLISECONDS) Duration dbSnapshot,
            @JsonProperty("dbSnapshotCopy") @MinDuration(value = 1, unit = TimeUnit.MILLISECONDS) Duration dbSnapshotCopy) {
        public ExpectedDurations {
            ebsSnapshot = ebsSnapshot == null ? Duration.seconds(60) : ebsSnapshot;
            ebsCopy = ebsCopy == null ? Duration.seconds(180) : ebsCopy;
            image = image == null ? Duration.seconds(120) : image;
            imageCopy = imageCopy == null ? Duration.seconds(300) : imageCopy;
            dbSnapshot = dbSnapshot == null ? Duration.seconds(120) : dbSnapshot;
            dbSnapshotCopy = dbSnapshotCopy == null ? Duration.seconds(600) : dbSnapshotCopy;
        }
    }

    /** Upper bounds are AWS's per-destination-region quotas; going above them only earns errors. */
    public record MaxConcurrentCopies(
            @JsonProperty("ebs") @Min(1) @Max(20) Integer ebs,
            @JsonProperty("ami") @Min(1) @Max(300) Integer ami,
            @JsonProperty("rds") @Min(1) @Max(20) Integer rds) {
        public MaxConcurrentCopies {
            ebs = ebs == null ? 20 : ebs;
            ami = ami == null ? 300 : ami;
            rds = rds == null ? 20 : rds;
        }
    }
}
