package io.drc.controller.resources;

import io.drc.controller.api.RecoveryPoint;
import io.drc.controller.api.RecoveryPointItem;
import io.drc.controller.api.RecoveryPointList;
import io.drc.controller.api.RecoveryPointState;
import io.drc.controller.auth.Role;
import io.drc.controller.db.RecoveryPointStore;
import io.drc.controller.errors.ErrorResponses;
import io.drc.controller.replication.ReplicationContext;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Comparator;
import java.util.List;

/**
 * {@code GET /api/v1/recovery-points?resource=<id>}: the catalog (reconciled from AWS), newest source time
 * first, both regions; deleted points are left out. Without {@code resource}: every resource's.
 */
@Path("/api/v1/recovery-points")
@Produces(MediaType.APPLICATION_JSON)
public final class RecoveryPointsResource {
    private final ReplicationContext context;
    private final RecoveryPointStore catalog;

    public RecoveryPointsResource(ReplicationContext context, RecoveryPointStore catalog) {
        this.context = context;
        this.catalog = catalog;
    }

    @GET
    @RolesAllowed(Role.VIEWER_NAME)
    @Operation(summary = "Recovery points in both regions, newest source time first", responses = {
            @ApiResponse(responseCode = "200", description = "the recovery points",
                    content = @Content(schema = @Schema(implementation = RecoveryPointList.class)))})
    public Response list(@QueryParam("resource") String resource) {
        if (resource != null && !context.isProtected(resource)) {
            return ErrorResponses.of(422, "unknown_resource", "resource: " + ErrorResponses.quote(resource)
                    + " is not a protected resource; use an id from the status resources list");
        }
        List<String> ids = resource != null ? List.of(resource)
                : context.resources().stream().map(r -> r.id()).toList();
        List<RecoveryPointItem> items = ids.stream()
                .flatMap(id -> catalog.byResourceNewestFirst(id).stream())
                .filter(p -> p.state() != RecoveryPointState.DELETED)
                .sorted(Comparator.comparing(RecoveryPoint::sourceTime).reversed())
                .map(RecoveryPointItem::of)
                .toList();
        return Response.ok(new RecoveryPointList(items)).build();
    }
}
