package io.drc.controller.resources;

import io.drc.controller.api.StatusResponse;
import io.drc.controller.auth.Role;
import io.drc.controller.core.StatusReporter;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** {@code GET /api/v1/status}. */
@Path("/api/v1/status")
@Produces(MediaType.APPLICATION_JSON)
public final class StatusResource {
    private final StatusReporter reporter;

    public StatusResource(StatusReporter reporter) {
        this.reporter = reporter;
    }

    @GET
    @RolesAllowed(Role.VIEWER_NAME)
    @Operation(summary = "Where the application serves and how recoverable it is")
    public StatusResponse status() {
        return reporter.report();
    }
}
