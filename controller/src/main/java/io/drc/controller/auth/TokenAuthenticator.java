package io.drc.controller.auth;

import io.dropwizard.auth.Authenticator;
import java.security.MessageDigest;
import java.util.List;
import java.util.Optional;

/**
 * Accepts a bearer token whose SHA-256 equals a configured hash. Every configured hash is compared
 * in constant time, with no early exit, so timing reveals neither the match nor its position.
 */
public final class TokenAuthenticator implements Authenticator<String, DrcPrincipal> {
    private final List<ApiToken> tokens;

    public TokenAuthenticator(List<ApiToken> tokens) {
        this.tokens = List.copyOf(tokens);
    }

    @Override
    public Optional<DrcPrincipal> authenticate(String presented) {
        byte[] hash = ApiToken.sha256(presented);
        ApiToken match = null;
        for (ApiToken token : tokens) {
            if (MessageDigest.isEqual(hash, token.sha256()) && match == null) {
                match = token;
            }
        }
        return Optional.ofNullable(match).map(token -> new DrcPrincipal(token.name(), token.role()));
    }
}
