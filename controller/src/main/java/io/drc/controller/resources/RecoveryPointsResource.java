package io.drc.controller.resources;

import io.drc.controller.api.RecoveryPoint;
import io.drc.controller.api.RecoveryPointItem;
import io.drc.controller.api.RecoveryPointPage;
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
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code GET /api/v1/recovery-points?resource=<id>&limit=&cursor=}: the catalog (reconciled from AWS), newest
 * source time first, both regions, a page at a time ({@code nextCursor}); deleted points are left out. Without
 * {@code resource}: every protected resource's.
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
    @Operation(summary = "Recovery points in both regions, newest source time first, a page at a time", responses = {
            @ApiResponse(responseCode = "200", description = "a page of recovery points",
                    content = @Content(schema = @Schema(implementation = RecoveryPointPage.class)))})
    public Response list(@QueryParam("resource") String resource, @QueryParam("limit") String limit,
                         @QueryParam("cursor") String cursor) {
        if (resource != null && !context.isProtected(resource)) {
            return ErrorResponses.of(422, "unknown_resource", "resource: " + ErrorResponses.quote(resource)
                    + " is not a protected resource; use an id from the status resources list");
        }
        try {
            return Response.ok(page(resource, Paging.limit(limit), position(cursor))).build();
        } catch (Paging.BadParameter e) {
            return e.response();
        }
    }

    /** Points of resources no longer protected are skipped: rows are read until the page is full and one more exists. */
    private RecoveryPointPage page(String resource, int limit, RecoveryPointStore.PagePosition after) {
        List<RecoveryPointItem> items = new ArrayList<>();
        RecoveryPointStore.PagePosition position = after;
        while (true) {
            List<RecoveryPoint> rows = catalog.page(resource, position, limit + 1);
            for (RecoveryPoint point : rows) {
                if (context.isProtected(point.resourceId())) {
                    if (items.size() == limit) {
                        return new RecoveryPointPage(items, Paging.encode(position.sourceTime() + "|" + position.id()));
                    }
                    items.add(RecoveryPointItem.of(point));
                }
                position = new RecoveryPointStore.PagePosition(point.sourceTime(), point.id());
            }
            if (rows.size() <= limit) {
                return new RecoveryPointPage(items, null);
            }
        }
    }

    private static RecoveryPointStore.PagePosition position(String cursor) {
        String value = Paging.cursor(cursor);
        if (value == null) {
            return null;
        }
        int bar = value.indexOf('|');
        try {
            return new RecoveryPointStore.PagePosition(Instant.parse(value.substring(0, bar)),
                    Long.parseLong(value.substring(bar + 1)));
        } catch (DateTimeParseException | NumberFormatException | IndexOutOfBoundsException e) {
            throw Paging.invalidCursor(cursor);
        }
    }
}
