package io.drc.controller.errors;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.UUID;
import java.util.regex.Pattern;
import org.slf4j.MDC;

/**
 * Gives every request an id: the caller's {@code X-Request-Id} when it is sane, else a new UUID.
 * The id goes into the response header before anything else runs (so errors carry it too), into
 * the logging MDC, and into a request attribute for resources and the audit log.
 */
public final class RequestIdFilter implements Filter {
    public static final String HEADER = "X-Request-Id";
    public static final String ATTRIBUTE = "drc.requestId";
    public static final String MDC_KEY = "requestId";
    private static final Pattern SANE = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        String requestId = chooseId(((HttpServletRequest) request).getHeader(HEADER));
        request.setAttribute(ATTRIBUTE, requestId);
        ((HttpServletResponse) response).setHeader(HEADER, requestId);
        MDC.put(MDC_KEY, requestId);
        try {
            chain.doFilter(request, response);
        } finally {
            MDC.remove(MDC_KEY);
        }
    }

    /** An incoming id is echoed only if it cannot smuggle anything into headers or logs. */
    static String chooseId(String incoming) {
        return incoming != null && SANE.matcher(incoming).matches() ? incoming : UUID.randomUUID().toString();
    }

    /** The id this filter gave the request; for a request it has not seen, the caller's sane id or a new one. */
    public static String of(HttpServletRequest request) {
        Object given = request.getAttribute(ATTRIBUTE);
        return given instanceof String id ? id : chooseId(request.getHeader(HEADER));
    }

    /** The id of the request this thread is serving, or null outside a request. */
    public static String current() {
        return MDC.get(MDC_KEY);
    }
}
