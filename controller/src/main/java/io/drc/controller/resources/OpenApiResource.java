package io.drc.controller.resources;

import io.drc.controller.auth.Role;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.function.Supplier;

/**
 * {@code GET /api/v1/openapi.json}: the API's OpenAPI 3.1 document ({@link OpenApiDocument}). Viewer, like every
 * {@code /api/v1} path: the bearer filter answers strangers 401 before routing, so the API's shape is no more
 * public than the API. The document is written on its first request, not at start-up: generating it takes most of a
 * second of a cold JVM, which at start-up would delay replication's first copy.
 */
@Path("/api/v1/openapi.json")
public final class OpenApiResource {
    private final Supplier<String> document;

    /** @param document the document, written when first asked for (memoize it: every request asks) */
    public OpenApiResource(Supplier<String> document) {
        this.document = document;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed(Role.VIEWER_NAME)
    @Operation(summary = "This document", responses = @ApiResponse(responseCode = "200",
            description = "the OpenAPI 3.1 document", content = @Content(schema = @Schema(type = "object"))))
    public Response document() {
        return Response.ok(document.get(), MediaType.APPLICATION_JSON).header("Cache-Control", "no-cache").build();
    }
}
