package io.drc.controller.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.drc.controller.config.AuthConfig;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

class TokenAuthenticatorTest {
    static final String HASHED = "s3cret";

    final TokenAuthenticator authenticator = new TokenAuthenticator(ApiToken.fromConfig(new AuthConfig(List.of(
            new AuthConfig.TokenConfig("plain", "plain-token", null, Role.VIEWER),
            new AuthConfig.TokenConfig("hashed", null,
                    HexFormat.of().withUpperCase().formatHex(ApiToken.sha256(HASHED)), Role.ADMIN)))));

    @Test
    void acceptsPlainAndHashedTokensAndRejectsOthers() {
        assertThat(authenticator.authenticate("plain-token")).contains(new DrcPrincipal("plain", Role.VIEWER));
        assertThat(authenticator.authenticate(HASHED)).contains(new DrcPrincipal("hashed", Role.ADMIN));
        assertThat(authenticator.authenticate("plain-token ")).isEmpty();
        assertThat(authenticator.authenticate("")).isEmpty();
    }

    @Test
    void higherRolesImplyLowerOnes() {
        var authorizer = new RoleAuthorizer();
        assertThat(authorizer.authorize(new DrcPrincipal("a", Role.ADMIN), "operator", null)).isTrue();
        assertThat(authorizer.authorize(new DrcPrincipal("o", Role.OPERATOR), "viewer", null)).isTrue();
        assertThat(authorizer.authorize(new DrcPrincipal("v", Role.VIEWER), "operator", null)).isFalse();
        assertThat(authorizer.authorize(new DrcPrincipal("o", Role.OPERATOR), "admin", null)).isFalse();
        assertThat(authorizer.authorize(new DrcPrincipal("a", Role.ADMIN), "superuser", null)).isFalse();
    }
}
