package io.drc.controller.cluster;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The daemons as the store holds them at {@code now}, and what that says about a claim: held by a live daemon, by a
 * dead one (stalled until another daemon takes it over), or by a live one for longer than its lease (overdue:
 * reported, never taken away — the step may still be running). Pure.
 *
 * @param self the owner tag of the daemon looking; it counts as alive whatever its row says
 */
public record ClusterSnapshot(List<ClusterNode> nodes, Duration deadAfter, Instant now, String self) {

    public boolean isAlive(String ownerTag) {
        if (ownerTag.equals(self)) {
            return true;
        }
        return nodes.stream().anyMatch(n -> n.ownerTag().equals(ownerTag) && n.aliveAt(now, deadAfter));
    }

    public List<ClusterNode> alive() {
        return nodes.stream().filter(n -> isAlive(n.ownerTag())).toList();
    }

    /** Nodes that are not alive: dead (heartbeat too old) or stopped. */
    public List<ClusterNode> departed() {
        return nodes.stream().filter(n -> !isAlive(n.ownerTag())).toList();
    }

    /**
     * Why a claim is stalled, if it is: its owner is dead (or was restarted: an older incarnation), or a live owner
     * holds it past {@code overdueAt}.
     *
     * @param what     what is held, e.g. "step PromoteDatabase of execution e-1"
     * @param leaseKey the configuration key of the lease, e.g. "engine.lease"
     */
    public Optional<String> stall(String what, String ownerTag, Instant claimedAt, Instant overdueAt, String leaseKey) {
        String node = ClusterNode.nodeIdOf(ownerTag);
        if (!isAlive(ownerTag)) {
            return Optional.of(what + " is held by " + describeDead(ownerTag) + "; another daemon takes it over at its "
                    + "next poll (none is running if this stays)");
        }
        if (overdueAt != null && now.isAfter(overdueAt)) {
            return Optional.of(what + " has been held by live daemon " + node + " for "
                    + seconds(claimedAt == null ? null : Duration.between(claimedAt, now)) + ", longer than "
                    + leaseKey + " (" + seconds(claimedAt == null ? null : Duration.between(claimedAt, overdueAt))
                    + "): a step stuck in its daemon? It is not taken away while that daemon's heartbeat is fresh");
        }
        return Optional.empty();
    }

    private String describeDead(String ownerTag) {
        String node = ClusterNode.nodeIdOf(ownerTag);
        Optional<ClusterNode> row = nodes.stream().filter(n -> n.nodeId().equals(node)).findFirst();
        if (row.isEmpty()) {
            return "unknown daemon " + ownerTag;
        }
        ClusterNode n = row.get();
        if (!n.ownerTag().equals(ownerTag)) {
            return "an earlier run of " + node + " (" + ownerTag + "; it runs now as " + n.ownerTag() + ")";
        }
        if (n.stoppedAt() != null) {
            return "daemon " + node + ", stopped at " + n.stoppedAt();
        }
        return "dead daemon " + node + " (last heartbeat " + seconds(Duration.between(n.heartbeatAt(), now))
                + " ago, dead after " + seconds(deadAfter) + ")";
    }

    private static String seconds(Duration d) {
        return d == null ? "?" : Math.round(d.toMillis() / 100.0) / 10.0 + " s";
    }
}
