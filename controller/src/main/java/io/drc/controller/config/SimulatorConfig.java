package io.drc.controller.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;

/**
 * The simulator embedded in the daemon (demo, rehearsals on a digital twin). Off unless enabled; point
 * {@code aws.endpoint} at it.
 *
 * @param timeScale multiplies the simulator's operation durations (0.05: a 5-minute copy takes 15 s)
 * @param seed      {@code demo} builds the demo application at start-up; {@code none} starts empty
 * @param stateDir  where the simulated cloud is saved after every change, so that a daemon stopped or killed
 *                  continues with the cloud its database remembers (the demo seeds only an empty directory);
 *                  left out, the cloud lives in memory and a restart starts it afresh
 */
public record SimulatorConfig(
        @JsonProperty("enabled") boolean enabled,
        @JsonProperty("host") @NotEmpty String host,
        @JsonProperty("port") @Min(1) @Max(65535) Integer port,
        @JsonProperty("timeScale") @Positive Double timeScale,
        @JsonProperty("seed") @Pattern(regexp = "none|demo", message = "must be 'none' or 'demo'") String seed,
        @JsonProperty("stateDir") @Pattern(regexp = "(?s).*\\S.*",
                message = "must name a directory (e.g. ./data/simulator), or be left out to keep the simulated cloud "
                        + "in memory") String stateDir) {

    public SimulatorConfig {
        host = host == null ? "127.0.0.1" : host;
        port = port == null ? 4566 : port;
        timeScale = timeScale == null ? 1.0 : timeScale;
        seed = seed == null ? "none" : seed;
    }

    public static SimulatorConfig disabled() {
        return new SimulatorConfig(false, null, null, null, null, null);
    }
}
