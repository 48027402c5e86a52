package io.drc.controller.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.util.Duration;
import io.dropwizard.validation.MinDuration;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotEmpty;
import java.util.concurrent.TimeUnit;

/**
 * The runbook engine.
 *
 * @param runbooks     directory of the runbooks the strategies name, relative to the working directory; a
 *                     {@code <strategy>-<kind>.asl.json} there overrides that strategy's runbook, and files
 *                     missing there are taken from the copies packaged in the jar ({@code RunbookLoader})
 * @param pollInterval how often the runner looks for due work
 * @param lease        a work item held longer than this by a live daemon is reported overdue (the scheduler health
 *                     check); it is never taken away: claims follow the daemon's heartbeat ({@link ClusterConfig})
 * @param workers      how many steps one daemon runs at once
 */
public record EngineConfig(
        @JsonProperty("runbooks") @NotEmpty String runbooks,
        @JsonProperty("pollInterval") @MinDuration(value = 1, unit = TimeUnit.MILLISECONDS) Duration pollInterval,
        @JsonProperty("lease") @MinDuration(value = 1, unit = TimeUnit.SECONDS) Duration lease,
        @JsonProperty("workers") @Min(1) @Max(64) Integer workers) {

    public EngineConfig {
        runbooks = runbooks == null ? "runbooks" : runbooks;
        pollInterval = pollInterval == null ? Duration.seconds(1) : pollInterval;
        lease = lease == null ? Duration.minutes(5) : lease;
        workers = workers == null ? 4 : workers;
    }

    public static EngineConfig defaults() {
        return new EngineConfig(null, null, null, null);
    }
}
