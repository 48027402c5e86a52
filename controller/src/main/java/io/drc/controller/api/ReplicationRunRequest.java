package io.drc.controller.api;

import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Size;

/** {@code POST /api/v1/replication/run}: one resource by id; no body means every resource. */
public record ReplicationRunRequest(@NotEmpty @Size(max = ApiLimits.ID) String resource) {}
