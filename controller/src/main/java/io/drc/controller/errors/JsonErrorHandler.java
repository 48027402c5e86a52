package io.drc.controller.errors;

import io.drc.controller.api.ErrorBody;
import jakarta.servlet.RequestDispatcher;
import java.nio.ByteBuffer;
import org.eclipse.jetty.http.HttpException;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The errors Jetty answers itself — requests that are not valid HTTP, too long URIs, too large headers, methods
 * Dropwizard does not allow, unknown admin paths, failures outside Jersey — in the API's error shape with an
 * {@code X-Request-Id}, instead of Jetty's HTML page. Set on the server (errors before any context) and on both
 * servlet contexts.
 */
public final class JsonErrorHandler extends ErrorHandler {
    private static final Logger LOG = LoggerFactory.getLogger(JsonErrorHandler.class);

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        int status = response.getStatus();
        String detail = attribute(request, ERROR_MESSAGE, RequestDispatcher.ERROR_MESSAGE, String.class);
        Throwable cause = attribute(request, ERROR_EXCEPTION, RequestDispatcher.ERROR_EXCEPTION, Throwable.class);
        if (cause instanceof HttpException http) {
            status = http.getCode();
            detail = detail == null ? http.getReason() : detail;
        }
        if (status < 400) {
            status = 500; // asked to answer an error that has no error status: nothing better to say
        }
        if (status == HttpStatus.NOT_IMPLEMENTED_501) {
            // a servlet's answer to a method it has no handler for (PATCH on the admin servlets): drc implements
            // every method it serves, so the caller used a method this path does not allow
            status = HttpStatus.METHOD_NOT_ALLOWED_405;
        }
        response.setStatus(status);
        String requestId = requestId(request, response);
        response.getHeaders().put(RequestIdFilter.HEADER, requestId);
        response.getHeaders().put(ERROR_CACHE_CONTROL);
        if (status >= 500) {
            LOG.error("Jetty answered request {} with {}: {}", requestId, status, detail, cause);
        }
        if (HttpStatus.hasNoBody(status) || "HEAD".equals(request.getMethod())) {
            callback.succeeded();
            return true;
        }
        String route = HttpErrors.route(request.getMethod(), request.getHttpURI().getPath());
        byte[] body = ErrorResponses.json(new ErrorBody(HttpErrors.code(status),
                HttpErrors.message(status, route, detail, requestId), requestId));
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
        response.write(true, ByteBuffer.wrap(body), callback);
        return true;
    }

    /** The id RequestIdFilter gave the request, when it ran; else the caller's sane id or a new one. */
    private static String requestId(Request request, Response response) {
        Object given = request.getAttribute(RequestIdFilter.ATTRIBUTE);
        if (given instanceof String id) {
            return id;
        }
        String answered = response.getHeaders().get(RequestIdFilter.HEADER);
        return answered != null ? answered : RequestIdFilter.chooseId(request.getHeaders().get(RequestIdFilter.HEADER));
    }

    /** Jetty core and the servlet layer file the same facts under different names. */
    private static <T> T attribute(Request request, String core, String servlet, Class<T> type) {
        Object value = request.getAttribute(core);
        value = type.isInstance(value) ? value : request.getAttribute(servlet);
        return type.isInstance(value) ? type.cast(value) : null;
    }
}
