package io.drc.controller.auth;

import io.drc.controller.config.AuthConfig;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/** A configured token as the authenticator holds it: only the SHA-256 hash, never the token. */
public record ApiToken(String name, byte[] sha256, Role role) {

    public static List<ApiToken> fromConfig(AuthConfig auth) {
        return auth.tokens().stream().map(ApiToken::fromConfig).toList();
    }

    private static ApiToken fromConfig(AuthConfig.TokenConfig token) {
        byte[] hash = token.tokenSha256() != null
                ? HexFormat.of().parseHex(token.tokenSha256().toLowerCase(java.util.Locale.ROOT))
                : sha256(token.token());
        return new ApiToken(token.name(), hash, token.role());
    }

    public static byte[] sha256(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime provides SHA-256", e);
        }
    }
}
