package io.drc.controller.api;

import jakarta.validation.constraints.NotNull;
import java.time.Instant;
import java.util.List;

/**
 * {@code GET /api/v1/cluster}: the daemons sharing the store — the live ones in {@code items}, the ones that died,
 * stopped or were restarted (an earlier incarnation) in {@code departed} — with what each holds.
 *
 * @param self                     the node id of the daemon answering
 * @param heartbeatIntervalSeconds how often each daemon renews its heartbeat ({@code cluster.heartbeatInterval})
 * @param deadAfterSeconds         a heartbeat older than this is a dead daemon, whose work is taken over
 */
public record ClusterView(@NotNull String self, double heartbeatIntervalSeconds, double deadAfterSeconds,
                          @NotNull List<Node> items, @NotNull List<Node> departed) {

    /**
     * One daemon (one incarnation of a node id).
     *
     * @param state {@code alive}, {@code dead} (heartbeat too old), {@code stopped} (left cleanly) or
     *              {@code restarted} (an earlier incarnation of a node running again)
     */
    public record Node(String nodeId, long incarnation, String state, boolean self, String host, Long pid,
                       String version, Instant startedAt, Instant lastHeartbeat, Double heartbeatAgeSeconds,
                       Holds holds) { }

    /** What a daemon holds: claimed steps of executions, claimed replication jobs, Quartz triggers firing. */
    public record Holds(List<Step> executionSteps, List<Job> replicationJobs, List<Trigger> quartzTriggers) { }

    /** A claimed work item: a Task attempt ({@code RUN_TASK}) or a timer ({@code TIMER}). */
    public record Step(String executionId, String step, String resource, String kind, Instant since,
                       boolean overdue) { }

    public record Job(long jobId, String resource, String step, Instant since, boolean overdue) { }

    public record Trigger(String resource, String state, Instant firedAt) { }
}
