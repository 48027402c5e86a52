package io.drc.controller.errors;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Anything unforeseen: 500, logged with the request id the client sees. */
@Provider
public final class UnexpectedExceptionMapper implements ExceptionMapper<Throwable> {
    private static final Logger LOG = LoggerFactory.getLogger(UnexpectedExceptionMapper.class);

    @Override
    public Response toResponse(Throwable exception) {
        LOG.error("Unhandled error serving request {}", RequestIdFilter.current(), exception);
        return ErrorResponses.of(500, "internal_error",
                "drc failed unexpectedly; the server log has details under request id " + RequestIdFilter.current());
    }
}
