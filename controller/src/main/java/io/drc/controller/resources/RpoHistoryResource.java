package io.drc.controller.resources;

import io.drc.controller.auth.Role;
import io.drc.controller.config.ProtectedResourceConfig;
import io.drc.controller.db.RpoSamples;
import io.drc.controller.errors.ErrorResponses;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;

/** {@code GET /api/v1/resources/{id}/rpo?since=}: a resource's RPO samples from the store, oldest first. */
@Path("/api/v1/resources/{id}/rpo")
@Produces(MediaType.APPLICATION_JSON)
public final class RpoHistoryResource {
    static final Duration DEFAULT_WINDOW = Duration.ofHours(24);
    static final int LIMIT = 10_000;

    /** The answer: the resource, its target, and its samples since {@code since}. */
    public record RpoHistory(@NotNull String resource, int rpoTargetSeconds, @NotNull Instant since,
                             @NotNull List<RpoSamples.Sample> items) { }

    private final List<ProtectedResourceConfig> resources;
    private final RpoSamples samples;
    private final Clock clock;

    public RpoHistoryResource(List<ProtectedResourceConfig> resources, RpoSamples samples, Clock clock) {
        this.resources = resources;
        this.samples = samples;
        this.clock = clock;
    }

    @GET
    @RolesAllowed(Role.VIEWER_NAME)
    @Operation(summary = "A resource's RPO samples since an instant (default: the last 24 hours), oldest first", responses = {
            @ApiResponse(responseCode = "200", description = "the samples",
                    content = @Content(schema = @Schema(implementation = RpoHistory.class)))})
    public Response history(@PathParam("id") String id, @QueryParam("since") String since) {
        Optional<ProtectedResourceConfig> resource = resources.stream().filter(r -> r.id().equals(id)).findFirst();
        if (resource.isEmpty()) {
            return ErrorResponses.of(404, "resource_not_found", "no protected resource " + ErrorResponses.quote(id)
                    + ": GET /api/v1/status lists them");
        }
        Instant from;
        try {
            from = since == null || since.isBlank() ? clock.instant().minus(DEFAULT_WINDOW) : Instant.parse(since);
        } catch (DateTimeParseException e) {
            return ErrorResponses.of(400, "invalid_value", "since: " + ErrorResponses.quote(since) + " is not an "
                    + "instant: send UTC ISO-8601 such as 2026-03-01T00:00:00Z, or leave it out for the last 24 hours");
        }
        return Response.ok(new RpoHistory(id, resource.get().rpoTargetSeconds(), from,
                samples.since(id, from, LIMIT))).build();
    }
}
