package io.drc.controller.auth;

import io.drc.controller.errors.ErrorResponses;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;

/**
 * 401 for every {@code /api/v1} request without a known bearer token, before Jersey routes it: a caller without a
 * token learns nothing about which paths, methods or media types exist (no 404, 405 or OPTIONS answer). Roles
 * (403) stay with Jersey's {@code @RolesAllowed}, which knows the resource.
 */
public final class BearerTokenFilter implements Filter {
    private final TokenAuthenticator authenticator;

    public BearerTokenFilter(List<ApiToken> tokens) {
        this.authenticator = new TokenAuthenticator(tokens);
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        HttpServletRequest http = (HttpServletRequest) request;
        if (authenticated(http.getHeader("Authorization"))) {
            chain.doFilter(request, response);
            return;
        }
        HttpServletResponse out = (HttpServletResponse) response;
        out.setHeader("WWW-Authenticate", BearerAuth.CHALLENGE);
        ErrorResponses.writeStatus(http, out, 401);
    }

    /** Read as Dropwizard's OAuthCredentialAuthFilter reads it, so both layers agree on every header. */
    private boolean authenticated(String authorization) {
        int space = authorization == null ? -1 : authorization.indexOf(' ');
        if (space <= 0 || !BearerAuth.PREFIX.equalsIgnoreCase(authorization.substring(0, space))) {
            return false;
        }
        return authenticator.authenticate(authorization.substring(space + 1)).isPresent();
    }
}
