package io.drc.controller.api;

import java.util.List;

/** {@code GET /api/v1/status}: where the application serves and how recoverable it is. */
public record StatusResponse(
        String application,
        String primaryRegion,
        String drRegion,
        String activeRegion,
        String strategy,
        boolean ready,
        List<ResourceStatus> resources,
        List<CheckStatus> checks,
        RtoStatus rto) {}
