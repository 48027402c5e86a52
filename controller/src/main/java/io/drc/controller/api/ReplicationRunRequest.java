package io.drc.controller.api;

import jakarta.validation.constraints.Size;

/**
 * {@code POST /api/v1/replication/run}: one resource by id, or every resource when {@code resource} is left out (or
 * there is no body). {@code dryRun: true} answers the plan and starts nothing.
 */
public record ReplicationRunRequest(@Size(min = 1, max = ApiLimits.ID, message = "must not be empty") String resource,
                                   Boolean dryRun) {
    public boolean isDryRun() {
        return Boolean.TRUE.equals(dryRun);
    }
}
