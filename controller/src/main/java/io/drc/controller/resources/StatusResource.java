package io.drc.controller.resources;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.drc.controller.api.StatusResponse;
import io.drc.controller.auth.Role;
import io.drc.controller.core.StatusReporter;
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

/**
 * {@code GET /api/v1/status[?limit=&cursor=&compliant=false]}: the summary of every resource and one page of them
 * (configuration order; {@code compliant=false}: only those not known to be compliant). Served from what background
 * work measured: no AWS call, and the same cost at 4 resources or 10,000 ({@link StatusPages}: already-serialised
 * pages, at most a second old).
 */
@Path("/api/v1/status")
@Produces(MediaType.APPLICATION_JSON)
public final class StatusResource {
    private final StatusPages pages;

    public StatusResource(StatusReporter reporter, ObjectMapper json) {
        this.pages = new StatusPages(reporter, json);
    }

    @GET
    @RolesAllowed(Role.VIEWER_NAME)
    @Operation(summary = "Where the application serves and how recoverable it is, a page of resources at a time",
            responses = @ApiResponse(responseCode = "200", description = "the status",
                    content = @Content(schema = @Schema(implementation = StatusResponse.class))))
    public Response status(@QueryParam("limit") String limit, @QueryParam("cursor") String cursor,
                           @QueryParam("compliant") String compliant) {
        try {
            return Response.ok(pages.page(new StatusReporter.Page(Paging.limit(limit), Paging.cursor(cursor),
                    Paging.flag("compliant", compliant))), MediaType.APPLICATION_JSON_TYPE).build();
        } catch (Paging.BadParameter e) {
            return e.response();
        } catch (StatusReporter.UnknownCursor e) {
            return Paging.invalidCursor(cursor).response();
        }
    }
}
