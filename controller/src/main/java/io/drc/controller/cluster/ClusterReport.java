package io.drc.controller.cluster;

import io.drc.controller.api.ClusterView;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Assembles {@code GET /api/v1/cluster} from the node table and the holdings. Pure. A departed node is listed for a
 * day after its last heartbeat, and for as long as anything is still held in its name.
 */
public final class ClusterReport {
    static final Duration LIST_DEPARTED_FOR = Duration.ofDays(1);

    private ClusterReport() {}

    public static ClusterView of(ClusterSnapshot cluster, Holdings holdings, Duration heartbeatInterval) {
        Instant now = cluster.now();
        Map<String, ClusterView.Node> byTag = new LinkedHashMap<>();
        for (ClusterNode node : cluster.nodes()) {
            boolean alive = cluster.isAlive(node.ownerTag());
            String state = alive ? "alive" : node.stoppedAt() != null ? "stopped" : "dead";
            byTag.put(node.ownerTag(), node(node.nodeId(), node.incarnation(), state, cluster, node, holdings, now));
        }
        // claims in the name of an earlier incarnation: its node runs again (or not at all) under a newer tag
        for (String tag : ownerTags(holdings)) {
            if (!byTag.containsKey(tag)) {
                byTag.put(tag, node(ClusterNode.nodeIdOf(tag), incarnationOf(tag), "restarted", cluster, null,
                        holdings, now));
            }
        }
        List<ClusterView.Node> live = new ArrayList<>();
        List<ClusterView.Node> departed = new ArrayList<>();
        for (ClusterView.Node node : byTag.values()) {
            if (node.state().equals("alive")) {
                live.add(node);
            } else if (holdsAnything(node.holds()) || node.lastHeartbeat() != null
                    && node.lastHeartbeat().isAfter(now.minus(LIST_DEPARTED_FOR))) {
                departed.add(node);
            }
        }
        return new ClusterView(ClusterNode.nodeIdOf(cluster.self()), seconds(heartbeatInterval),
                seconds(cluster.deadAfter()), live, departed);
    }

    private static ClusterView.Node node(String nodeId, long incarnation, String state, ClusterSnapshot cluster,
                                        ClusterNode row, Holdings holdings, Instant now) {
        String tag = ClusterNode.ownerTag(nodeId, incarnation);
        boolean alive = state.equals("alive");
        ClusterView.Holds holds = new ClusterView.Holds(
                holdings.steps().stream().filter(s -> s.owner().equals(tag))
                        .map(s -> new ClusterView.Step(s.executionId(), s.step(), s.resource(), s.kind(), s.claimedAt(),
                                overdue(s.overdueAt(), now))).toList(),
                holdings.jobs().stream().filter(j -> j.owner().equals(tag))
                        .map(j -> new ClusterView.Job(j.jobId(), j.resource(), j.step(), j.claimedAt(),
                                overdue(j.overdueAt(), now))).toList(),
                // Quartz names its scheduler instance by node id: its triggers belong to the node's live incarnation
                alive ? holdings.triggers().stream().filter(t -> t.instance().equals(nodeId))
                        .map(t -> new ClusterView.Trigger(t.trigger(), t.state(), t.firedAt())).toList() : List.of());
        return new ClusterView.Node(nodeId, incarnation, state, tag.equals(cluster.self()),
                row == null ? null : row.host(), row == null ? null : row.pid(), row == null ? null : row.version(),
                row == null ? null : row.startedAt(), row == null ? null : row.heartbeatAt(),
                row == null ? null : row.heartbeatAgeSeconds(now), holds);
    }

    private static List<String> ownerTags(Holdings holdings) {
        List<String> tags = new ArrayList<>();
        holdings.steps().forEach(s -> tags.add(s.owner()));
        holdings.jobs().forEach(j -> tags.add(j.owner()));
        return tags.stream().distinct().toList();
    }

    private static long incarnationOf(String tag) {
        int hash = tag.lastIndexOf('#');
        try {
            return hash < 0 ? 0 : Long.parseLong(tag.substring(hash + 1));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static boolean overdue(Instant overdueAt, Instant now) {
        return overdueAt != null && now.isAfter(overdueAt);
    }

    private static boolean holdsAnything(ClusterView.Holds holds) {
        return !holds.executionSteps().isEmpty() || !holds.replicationJobs().isEmpty();
    }

    private static double seconds(Duration d) {
        return d.toMillis() / 1000.0;
    }
}
