package io.drc.controller.api;

import jakarta.validation.constraints.NotNull;
import java.util.List;

/**
 * {@code POST /api/v1/replication/run} → 202: the jobs started, and the resources skipped because a job of
 * theirs is still in flight (it is not started twice).
 */
public record ReplicationRunResponse(@NotNull List<Started> started, @NotNull List<String> alreadyInFlight) {
    public record Started(@NotNull String resource, long jobId) {}
}
