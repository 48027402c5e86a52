package io.drc.controller.resources;

import io.drc.controller.api.ApiLimits;
import io.drc.controller.api.DrillList;
import io.drc.controller.api.DrillView;
import io.drc.controller.api.ExecutionPlan;
import io.drc.controller.api.ExecutionView;
import io.drc.controller.api.ExecutionRequest;
import io.drc.controller.auth.DrcPrincipal;
import io.drc.controller.auth.Role;
import io.drc.controller.db.ExecutionStore;
import io.drc.controller.engine.ExecutionRecord;
import io.drc.controller.errors.ErrorResponses;
import io.drc.strategies.engine.ExecutionKind;
import io.dropwizard.auth.Auth;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Optional;

/**
 * Game-day drills: {@code POST /api/v1/drills} starts one (no {@code confirm}: a drill moves nothing), the GETs
 * show them with their RTO, recovery points, leftovers and cleanup time. Drills are executions of kind
 * {@code drill} and are listed under {@code /api/v1/executions} too.
 */
@Path("/api/v1/drills")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public final class DrillResource {
    private static final int LIST_LIMIT = 100;

    private final ExecutionResource executions;
    private final ExecutionStore store;

    public DrillResource(ExecutionResource executions, ExecutionStore store) {
        this.executions = executions;
        this.store = store;
    }

    @POST
    @RolesAllowed(Role.OPERATOR_NAME)
    @Operation(summary = "Start a drill in the DR region (no confirm: a drill moves nothing); dryRun answers the plan", responses = {
            @ApiResponse(responseCode = "200", description = "the plan of a dry run; nothing changed",
                    content = @Content(schema = @Schema(implementation = ExecutionPlan.class))),
            @ApiResponse(responseCode = "202", description = "the drill started",
                    content = @Content(schema = @Schema(implementation = ExecutionView.class)))})
    public Response start(@Auth @Parameter(hidden = true) DrcPrincipal who, @HeaderParam("Idempotency-Key") String key,
                          @Valid ExecutionRequest body) {
        return executions.start(ExecutionKind.DRILL, who, key, body);
    }

    @GET
    @RolesAllowed(Role.VIEWER_NAME)
    @Operation(summary = "Drills, newest first", responses = {
            @ApiResponse(responseCode = "200", description = "the drills",
                    content = @Content(schema = @Schema(implementation = DrillList.class)))})
    public Response list() {
        List<DrillView> items = store.list(ExecutionKind.DRILL, LIST_LIMIT).stream().map(this::view).toList();
        return Response.ok(new DrillList(items)).build();
    }

    @GET
    @Path("{id}")
    @RolesAllowed(Role.VIEWER_NAME)
    @Operation(summary = "One drill", responses = {
            @ApiResponse(responseCode = "200", description = "the drill",
                    content = @Content(schema = @Schema(implementation = DrillView.class)))})
    public Response get(@PathParam("id") String id) {
        Optional<ExecutionRecord> drill = id.length() > ApiLimits.ID ? Optional.empty()
                : store.find(id).filter(e -> e.kind() == ExecutionKind.DRILL);
        return drill.map(e -> Response.ok(view(e)).build()).orElseGet(() -> ErrorResponses.of(404,
                "execution_not_found", "no drill " + ErrorResponses.quote(id) + ": list them with GET /api/v1/drills"));
    }

    private DrillView view(ExecutionRecord e) {
        return DrillView.of(e, store.steps(e.id()));
    }
}
