package io.drc.controller.cluster;

import java.time.Instant;
import java.util.List;

/**
 * What the daemons sharing the store hold right now: claimed steps, claimed replication jobs and Quartz triggers
 * firing. Read from the store in one go for {@code GET /api/v1/cluster} and the scheduler health check.
 */
public record Holdings(List<HeldStep> steps, List<HeldJob> jobs, List<FiringTrigger> triggers) {

    /**
     * A work item of an execution claimed by {@code owner}: a Task attempt being run or a timer being fired.
     *
     * @param overdueAt when the claim counts as overdue ({@code engine.lease} after it was taken)
     */
    public record HeldStep(String owner, long workItemId, String executionId, String step, String resource,
                           String kind, Instant claimedAt, Instant overdueAt) { }

    /** A replication job being stepped by {@code owner}; {@code overdueAt}: {@code replication.lease} after its claim. */
    public record HeldJob(String owner, long jobId, String resource, String step, Instant claimedAt,
                          Instant overdueAt) { }

    /**
     * A Quartz trigger a scheduler instance ({@code instance} = the node id) has acquired to fire
     * ({@code ACQUIRED}) or is firing ({@code EXECUTING}).
     */
    public record FiringTrigger(String instance, String trigger, String state, Instant firedAt) { }
}
