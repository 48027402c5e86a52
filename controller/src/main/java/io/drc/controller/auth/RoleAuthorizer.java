package io.drc.controller.auth;

import io.dropwizard.auth.Authorizer;
import jakarta.ws.rs.container.ContainerRequestContext;

/** {@code @RolesAllowed("operator")} admits operators and admins: a role implies those below it. */
public final class RoleAuthorizer implements Authorizer<DrcPrincipal> {
    @Override
    public boolean authorize(DrcPrincipal principal, String role, ContainerRequestContext requestContext) {
        try {
            return principal.role().implies(Role.fromRoleName(role));
        } catch (IllegalArgumentException unknownRole) {
            return false;
        }
    }
}
