package io.drc.controller.resources;

import io.drc.controller.DrcConfiguration;
import io.drc.controller.auth.Role;
import io.drc.controller.api.ReplicationRunRequest;
import io.drc.controller.auth.DrcPrincipal;
import io.drc.controller.db.AuditLog;
import io.drc.controller.errors.ErrorResponses;
import io.drc.controller.errors.RequestIdFilter;
import io.dropwizard.auth.Auth;
import java.util.Map;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * {@code POST /api/v1/replication/run}. The request is checked in full, but no scheduler exists yet
 * to run a cycle, so a valid request is answered 501 rather than a 202 that would start nothing.
 */
@Path("/api/v1/replication/run")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public final class ReplicationResource {
    private final DrcConfiguration config;
    private final AuditLog auditLog;

    public ReplicationResource(DrcConfiguration config, AuditLog auditLog) {
        this.config = config;
        this.auditLog = auditLog;
    }

    @POST
    @RolesAllowed(Role.OPERATOR_NAME)
    public Response run(@Auth DrcPrincipal principal, @Valid ReplicationRunRequest request) {
        Response response = isProtected(request)
                ? ErrorResponses.of(501, "not_implemented", "replication scheduling is not built yet; nothing was started")
                : ErrorResponses.of(422, "unknown_resource", "resource: '" + request.resource()
                        + "' is not a protected resource; use an id from the status resources list");
        // The audit log records what was asked and how it was answered, refusals included.
        auditLog.append(RequestIdFilter.current(), principal.getName(), "replication.run",
                request == null ? "*" : request.resource(), Map.of("status", response.getStatus()));
        return response;
    }

    private boolean isProtected(ReplicationRunRequest request) {
        return request == null || config.getProtect().stream().anyMatch(r -> r.id().equals(request.resource()));
    }
}
