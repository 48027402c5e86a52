package io.drc.controller.api;

import jakarta.validation.constraints.NotEmpty;

/** {@code POST /api/v1/replication/run}: one resource by id; no body means every resource. */
public record ReplicationRunRequest(@NotEmpty String resource) {}
