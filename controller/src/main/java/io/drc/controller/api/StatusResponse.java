package io.drc.controller.api;

import java.util.List;

/**
 * {@code GET /api/v1/status}: where the application serves and how recoverable it is. {@code resources} is one page
 * (see {@code nextCursor}); {@code summary} and {@code ready} cover every resource.
 */
public record StatusResponse(
        String application,
        String primaryRegion,
        String drRegion,
        String activeRegion,
        String strategy,
        boolean ready,
        List<ResourceStatus> resources,
        List<CheckStatus> checks,
        StatusSummary summary,
        String nextCursor,
        RtoStatus rto) {

    public StatusResponse withNextCursor(String cursor) {
        return new StatusResponse(application, primaryRegion, drRegion, activeRegion, strategy, ready, resources,
                checks, summary, cursor, rto);
    }
}
