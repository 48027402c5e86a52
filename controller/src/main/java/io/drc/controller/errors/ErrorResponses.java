package io.drc.controller.errors;

import io.drc.controller.api.ErrorBody;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** Builds error responses in the one shape the API promises. */
public final class ErrorResponses {
    private ErrorResponses() {}

    public static Response of(int status, String code, String message) {
        return Response.status(status)
                .type(MediaType.APPLICATION_JSON_TYPE)
                .entity(new ErrorBody(code, message, RequestIdFilter.current()))
                .build();
    }
}
