package io.drc.controller.api;

import java.util.List;

/**
 * {@code POST /api/v1/replication/run} → 202: the jobs started, and the resources skipped because a job of
 * theirs is still in flight (it is not started twice).
 */
public record ReplicationRunResponse(List<Started> started, List<String> alreadyInFlight) {
    public record Started(String resource, long jobId) {}
}
