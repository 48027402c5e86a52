package io.drc.controller.config;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Game-day drills.
 *
 * @param schedule a Quartz cron expression (seconds first, UTC) on which a drill starts by itself; null (the
 *                 default): drills start only on {@code POST /api/v1/drills}. Clustered: fires once across daemons
 */
public record DrillsConfig(@JsonProperty("schedule") String schedule) {

    public static DrillsConfig defaults() {
        return new DrillsConfig(null);
    }
}
