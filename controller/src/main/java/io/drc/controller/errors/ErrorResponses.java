package io.drc.controller.errors;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.drc.controller.api.ErrorBody;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;

/** Builds error responses in the one shape the API promises, in Jersey, in servlet filters and in Jetty. */
public final class ErrorResponses {
    /** Longest echo of a caller's value in a message: enough to recognise it, not a way to reflect a megabyte. */
    static final int ECHO_LIMIT = 64;
    private static final ObjectMapper JSON = new ObjectMapper();

    private ErrorResponses() {}

    public static Response of(int status, String code, String message) {
        return Response.status(status)
                .type(MediaType.APPLICATION_JSON_TYPE)
                .entity(new ErrorBody(code, message, RequestIdFilter.current()))
                .build();
    }

    /** Writes the error from a servlet filter, before Jersey; the request already carries its id. */
    public static void write(HttpServletRequest request, HttpServletResponse response, int status, String code,
                             String message) throws IOException {
        String requestId = RequestIdFilter.of(request);
        response.setStatus(status);
        response.setHeader(RequestIdFilter.HEADER, requestId);
        response.setContentType(MediaType.APPLICATION_JSON);
        byte[] body = json(new ErrorBody(code, message, requestId));
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }

    /** {@link #write} with the text every error of this status gets (e.g. 401: how to send a token). */
    public static void writeStatus(HttpServletRequest request, HttpServletResponse response, int status)
            throws IOException {
        write(request, response, status, HttpErrors.code(status), HttpErrors.message(status,
                HttpErrors.route(request.getMethod(), request.getRequestURI()), null, RequestIdFilter.of(request)));
    }

    static byte[] json(ErrorBody body) {
        try {
            return JSON.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an error body of three strings always serialises", e);
        }
    }

    /**
     * A caller's value quoted for a message: at most {@value #ECHO_LIMIT} characters, control characters shown
     * as '?', so an over-long or odd value is recognisable without being reflected whole.
     */
    public static String quote(String value) {
        return "'" + shorten(value) + "'" + (value.length() > ECHO_LIMIT ? " (" + value.length() + " characters)" : "");
    }

    static String shorten(String value) {
        String shown = value.length() > ECHO_LIMIT ? value.substring(0, ECHO_LIMIT) + "..." : value;
        return shown.replaceAll("\\p{Cntrl}", "?");
    }
}
