package io.drc.controller.auth;

import io.dropwizard.auth.AuthDynamicFeature;
import io.dropwizard.auth.AuthValueFactoryProvider;
import io.dropwizard.auth.UnauthorizedHandler;
import io.dropwizard.auth.oauth.OAuthCredentialAuthFilter;
import io.dropwizard.jersey.setup.JerseyEnvironment;
import jakarta.ws.rs.NotAuthorizedException;
import java.util.List;
import org.glassfish.jersey.server.filter.RolesAllowedDynamicFeature;

/** Registers bearer-token authentication and role checks on the API. */
public final class BearerAuth {
    static final String PREFIX = "Bearer";
    private static final String REALM = "drc";
    /** The WWW-Authenticate value of every 401. */
    static final String CHALLENGE = PREFIX + " realm=\"" + REALM + "\"";

    private BearerAuth() {}

    public static void register(JerseyEnvironment jersey, List<ApiToken> tokens) {
        jersey.register(new AuthDynamicFeature(new OAuthCredentialAuthFilter.Builder<DrcPrincipal>()
                .setAuthenticator(new TokenAuthenticator(tokens))
                .setAuthorizer(new RoleAuthorizer())
                .setPrefix(PREFIX)
                .setRealm(REALM)
                .setUnauthorizedHandler(new BodilessUnauthorizedHandler())
                .buildAuthFilter()));
        jersey.register(RolesAllowedDynamicFeature.class);
        jersey.register(new AuthValueFactoryProvider.Binder<>(DrcPrincipal.class));
    }

    /** Leaves the body to the error mappers, so a 401 looks like every other error. */
    private static final class BodilessUnauthorizedHandler implements UnauthorizedHandler {
        @Override
        public RuntimeException buildException(String prefix, String realm) {
            return new NotAuthorizedException(CHALLENGE);
        }
    }
}
