package io.drc.controller.api;

import jakarta.validation.constraints.NotNull;
import java.util.List;

/**
 * {@code GET /api/v1/status}: where the application serves and how recoverable it is. {@code resources} is one page
 * (see {@code nextCursor}); {@code summary} and {@code ready} cover every resource.
 */
public record StatusResponse(
        @NotNull String application,
        @NotNull String primaryRegion,
        @NotNull String drRegion,
        @NotNull String activeRegion,
        @NotNull String strategy,
        boolean ready,
        @NotNull List<ResourceStatus> resources,
        @NotNull List<CheckStatus> checks,
        @NotNull StatusSummary summary,
        String nextCursor,
        @NotNull RtoStatus rto) {

    public StatusResponse withNextCursor(String cursor) {
        return new StatusResponse(application, primaryRegion, drRegion, activeRegion, strategy, ready, resources,
                checks, summary, cursor, rto);
    }
}
