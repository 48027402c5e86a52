package io.drc.controller.resources;

import io.drc.controller.api.ClusterView;
import io.drc.controller.auth.Role;
import io.drc.controller.cluster.ClusterMembership;
import io.drc.controller.cluster.ClusterReport;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** {@code GET /api/v1/cluster}: the daemons sharing the store, their heartbeats and what each holds (API.md). */
@Path("/api/v1/cluster")
@Produces(MediaType.APPLICATION_JSON)
public final class ClusterResource {
    private final ClusterMembership membership;

    public ClusterResource(ClusterMembership membership) {
        this.membership = membership;
    }

    @GET
    @RolesAllowed(Role.VIEWER_NAME)
    public ClusterView cluster() {
        return ClusterReport.of(membership.snapshot(), membership.holdings(),
                membership.settings().heartbeatInterval());
    }
}
