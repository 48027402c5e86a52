package io.drc.controller.errors;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Jersey's own errors (401, 403, 404, 405, 415, ...) in the API's error shape, headers kept. */
@Provider
public final class WebApplicationExceptionMapper implements ExceptionMapper<WebApplicationException> {
    private static final Logger LOG = LoggerFactory.getLogger(WebApplicationExceptionMapper.class);

    @Context
    private UriInfo uriInfo;

    @Context
    private Request request;

    @Override
    public Response toResponse(WebApplicationException exception) {
        Response original = exception.getResponse();
        int status = original.getStatus();
        if (status >= 500) {
            LOG.error("Jersey failed serving request {}", RequestIdFilter.current(), exception);
        }
        Response body = ErrorResponses.of(status, HttpErrors.code(status), HttpErrors.message(status,
                HttpErrors.route(request.getMethod(), "/" + uriInfo.getPath()), exception.getMessage(),
                RequestIdFilter.current()));
        Response.ResponseBuilder builder = Response.fromResponse(body);
        for (String header : new String[] {HttpHeaders.WWW_AUTHENTICATE, HttpHeaders.ALLOW, HttpHeaders.RETRY_AFTER}) {
            Object value = original.getHeaders().getFirst(header);
            if (value != null) {
                builder.header(header, value);
            }
        }
        return builder.build();
    }
}
