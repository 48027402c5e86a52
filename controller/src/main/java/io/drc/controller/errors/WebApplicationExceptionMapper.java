package io.drc.controller.errors;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.Locale;

/** Jersey's own errors (401, 403, 404, 405, 415, ...) in the API's error shape, headers kept. */
@Provider
public final class WebApplicationExceptionMapper implements ExceptionMapper<WebApplicationException> {
    @Context
    private UriInfo uriInfo;

    @Context
    private Request request;

    @Override
    public Response toResponse(WebApplicationException exception) {
        Response original = exception.getResponse();
        int status = original.getStatus();
        Response body = ErrorResponses.of(status, code(original), message(status, exception));
        Response.ResponseBuilder builder = Response.fromResponse(body);
        for (String header : new String[] {HttpHeaders.WWW_AUTHENTICATE, HttpHeaders.ALLOW, HttpHeaders.RETRY_AFTER}) {
            Object value = original.getHeaders().getFirst(header);
            if (value != null) {
                builder.header(header, value);
            }
        }
        return builder.build();
    }

    private static String code(Response response) {
        return response.getStatusInfo().getReasonPhrase().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_");
    }

    private String message(int status, WebApplicationException exception) {
        String route = request.getMethod() + " /" + uriInfo.getPath();
        return switch (status) {
            case 401 -> "missing or unknown bearer token: send 'Authorization: Bearer <token>' "
                    + "with a token configured under auth.tokens";
            case 403 -> "your token's role may not call " + route + ": use a token with a higher role";
            case 404 -> "nothing at " + route + ": check the path against the API reference (/api/v1/...)";
            case 405 -> route + " is not allowed: use one of the methods in the Allow header";
            case 415 -> "unsupported Content-Type: send JSON with 'Content-Type: application/json'";
            default -> exception.getMessage();
        };
    }
}
