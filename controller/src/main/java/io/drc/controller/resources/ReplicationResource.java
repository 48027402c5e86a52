package io.drc.controller.resources;

import io.drc.controller.api.ReplicationRunRequest;
import io.drc.controller.api.ReplicationRunPlan;
import io.drc.controller.api.ReplicationRunResponse;
import io.drc.controller.auth.DrcPrincipal;
import io.drc.controller.auth.Role;
import io.drc.controller.db.AuditLog;
import io.drc.controller.errors.ErrorResponses;
import io.drc.controller.errors.RequestIdFilter;
import io.drc.controller.replication.ReplicationContext;
import io.drc.controller.replication.ReplicationEngine;
import io.drc.controller.replication.ReplicationJob;
import io.drc.controller.replication.ReplicateNowPlanner;
import io.dropwizard.auth.Auth;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * {@code POST /api/v1/replication/run}: starts a replication cycle now, for one resource or all, and answers
 * 202 at once; the jobs proceed in the background (status and recovery points show their progress).
 */
@Path("/api/v1/replication/run")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public final class ReplicationResource {
    private final ReplicationContext context;
    private final ReplicationEngine engine;
    private final AuditLog auditLog;
    private final ReplicateNowPlanner planner;
    private final boolean enabled;

    public ReplicationResource(ReplicationContext context, ReplicationEngine engine, ReplicateNowPlanner planner,
                               AuditLog auditLog, boolean enabled) {
        this.context = context;
        this.engine = engine;
        this.planner = planner;
        this.auditLog = auditLog;
        this.enabled = enabled;
    }

    @POST
    @RolesAllowed(Role.OPERATOR_NAME)
    @Operation(summary = "Start a replication cycle now, for one resource or (no body) all; dryRun answers the plan", responses = {
            @ApiResponse(responseCode = "200", description = "the plan of a dry run; nothing started",
                    content = @Content(schema = @Schema(implementation = ReplicationRunPlan.class))),
            @ApiResponse(responseCode = "202", description = "the jobs started",
                    content = @Content(schema = @Schema(implementation = ReplicationRunResponse.class)))})
    public Response run(@Auth @Parameter(hidden = true) DrcPrincipal principal, @Valid ReplicationRunRequest request) {
        Optional<String> resource = Optional.ofNullable(request).map(ReplicationRunRequest::resource);
        Optional<String> paused = enabled ? engine.pausedReason() : Optional.empty();
        Response response;
        Object detail;
        if (!enabled) {
            response = ErrorResponses.of(409, "replication_disabled", "replication is switched off in this daemon's "
                    + "configuration (replication.enabled: false); run the cycle on a daemon where it is on");
            detail = Map.of("status", 409);
        } else if (resource.isPresent() && !context.isProtected(resource.get())) {
            response = ErrorResponses.of(422, "unknown_resource", "resource: " + ErrorResponses.quote(resource.get())
                    + " is not a protected resource; use an id from the status resources list");
            detail = Map.of("status", 422);
        } else if (paused.isPresent()) {
            response = ErrorResponses.of(409, "replication_paused", paused.get());
            detail = Map.of("status", 409);
        } else if (request != null && request.isDryRun()) {
            ReplicationRunPlan plan = planner.plan(resource);
            response = Response.ok(plan).build();
            detail = Map.of("status", 200, "dryRun", true);
        } else {
            ReplicationRunResponse body = start(resource);
            response = Response.accepted(body).build();
            detail = Map.of("status", 202, "started", body.started());
        }
        // The audit log records what was asked and how it was answered, refusals and dry runs included.
        auditLog.append(RequestIdFilter.current(), principal.getName(), "replication.run", resource.orElse("*"), detail);
        return response;
    }

    private ReplicationRunResponse start(Optional<String> resource) {
        List<ReplicationJob> started = engine.startCycle(resource);
        Set<String> startedIds = started.stream().map(ReplicationJob::resourceId).collect(Collectors.toSet());
        List<String> inFlight = context.resources().stream()
                .filter(r -> r.kind().hasCopies() && resource.map(r.id()::equals).orElse(true))
                .map(r -> r.id()).filter(id -> !startedIds.contains(id)).toList();
        return new ReplicationRunResponse(
                started.stream().map(j -> new ReplicationRunResponse.Started(j.resourceId(), j.id())).toList(), inFlight);
    }
}
