package io.drc.controller.resources;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.InputStream;

/**
 * {@code GET /}: the web dashboard's page, without a token (its script asks for one and sends it to the API).
 * Its scripts and styles are the assets under {@code /assets/}, all in the jar.
 */
@Path("/")
public final class DashboardResource {
    @GET
    @Produces(MediaType.TEXT_HTML)
    public Response page() {
        InputStream page = DashboardResource.class.getResourceAsStream("/assets/index.html");
        return Response.ok(page).header("Cache-Control", "no-cache")
                .header("Content-Security-Policy", "default-src 'self'; style-src 'self'; script-src 'self'")
                .build();
    }
}
