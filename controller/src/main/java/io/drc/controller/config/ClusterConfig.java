package io.drc.controller.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.util.Duration;
import io.dropwizard.validation.MinDuration;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.concurrent.TimeUnit;

/**
 * This daemon as a member of the daemons sharing one store. Work a daemon claims (steps, replication jobs, the
 * RTO to publish) stays with it while its heartbeat is fresh, and is taken over once the heartbeat is older than
 * {@code deadAfter}.
 *
 * @param nodeId            the daemon's stable name in the cluster; default host name + working directory. A daemon
 *                          started with the name of a dead one takes over that one's work at once
 * @param heartbeatInterval how often the heartbeat row is renewed (5s)
 * @param deadAfter         a daemon whose heartbeat is older than this is dead: its work is taken over (15s). At least
 *                          twice {@code heartbeatInterval}; the longer, the fewer false takeovers under load and the
 *                          later a real one
 * @param region            the AWS region this daemon runs in, for {@code check}'s placement advice; default: what
 *                          instance metadata says, where available
 */
public record ClusterConfig(
        @JsonProperty("nodeId") @Size(min = 1, max = 150)
        @Pattern(regexp = "[A-Za-z0-9._:/@+=-]+", message = "may hold letters, digits and . _ : / @ + = - only")
        String nodeId,
        @JsonProperty("heartbeatInterval") @MinDuration(value = 100, unit = TimeUnit.MILLISECONDS)
        Duration heartbeatInterval,
        @JsonProperty("deadAfter") @MinDuration(value = 1, unit = TimeUnit.SECONDS) Duration deadAfter,
        @JsonProperty("region") String region) {

    public ClusterConfig {
        heartbeatInterval = heartbeatInterval == null ? Duration.seconds(5) : heartbeatInterval;
        deadAfter = deadAfter == null ? Duration.seconds(15) : deadAfter;
    }

    public static ClusterConfig defaults() {
        return new ClusterConfig(null, null, null, null);
    }
}
