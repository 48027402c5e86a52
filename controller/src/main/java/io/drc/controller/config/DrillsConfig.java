package io.drc.controller.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.util.Duration;
import io.dropwizard.validation.MinDuration;
import java.util.concurrent.TimeUnit;

/**
 * Game-day drills.
 *
 * @param schedule a Quartz cron expression (seconds first, UTC) on which a drill starts by itself; null (the
 *                 default): drills start only on {@code POST /api/v1/drills}. Clustered: fires once across daemons
 * @param maxAge   how old the last passing drill may be before RTO compliance is lost (status {@code rto}, alarm
 *                 {@code drc-<application>-drill-age}); default 7 days
 */
public record DrillsConfig(
        @JsonProperty("schedule") String schedule,
        @JsonProperty("maxAge") @MinDuration(value = 1, unit = TimeUnit.SECONDS) Duration maxAge) {

    public DrillsConfig {
        maxAge = maxAge == null ? Duration.days(7) : maxAge;
    }

    public static DrillsConfig defaults() {
        return new DrillsConfig(null, null);
    }
}
