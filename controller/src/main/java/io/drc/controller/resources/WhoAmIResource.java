package io.drc.controller.resources;

import io.drc.controller.auth.DrcPrincipal;
import io.drc.controller.auth.Role;
import io.dropwizard.auth.Auth;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** {@code GET /api/v1/whoami}: the caller's token name and role, so the dashboard shows operators their buttons. */
@Path("/api/v1/whoami")
@Produces(MediaType.APPLICATION_JSON)
public final class WhoAmIResource {
    /** The answer: the token's configured name and its role. */
    public record WhoAmI(@NotNull String name, @NotNull Role role) { }

    @GET
    @RolesAllowed(Role.VIEWER_NAME)
    @Operation(summary = "The caller's token name and role")
    public WhoAmI whoAmI(@Auth @Parameter(hidden = true) DrcPrincipal who) {
        return new WhoAmI(who.name(), who.role());
    }
}
