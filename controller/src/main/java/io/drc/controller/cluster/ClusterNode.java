package io.drc.controller.cluster;

import java.time.Duration;
import java.time.Instant;

/**
 * One daemon as its heartbeat row holds it.
 *
 * @param ownerTag  {@code nodeId#incarnation}: what the claims of this run of the daemon name
 * @param stoppedAt when it stopped cleanly (its claims were given back); null while it runs or after a kill
 */
public record ClusterNode(String nodeId, long incarnation, String ownerTag, String host, Long pid, String version,
                          Instant startedAt, Instant heartbeatAt, Instant stoppedAt) {

    /** Its heartbeat is fresh at {@code now} and it has not left. */
    public boolean aliveAt(Instant now, Duration deadAfter) {
        return stoppedAt == null && !heartbeatAt.isBefore(now.minus(deadAfter));
    }

    public double heartbeatAgeSeconds(Instant now) {
        return Duration.between(heartbeatAt, now).toMillis() / 1000.0;
    }

    public static String ownerTag(String nodeId, long incarnation) {
        return nodeId + "#" + incarnation;
    }

    /** The node id of an owner tag ({@code nodeId#incarnation}); the tag itself when it is not one. */
    public static String nodeIdOf(String ownerTag) {
        int hash = ownerTag == null ? -1 : ownerTag.lastIndexOf('#');
        return hash < 0 ? ownerTag : ownerTag.substring(0, hash);
    }
}
