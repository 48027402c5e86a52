package io.drc.controller.config.checks;

import io.drc.controller.DrcConfiguration;
import io.drc.controller.auth.ApiToken;
import io.drc.controller.config.AuthConfig.TokenConfig;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Each token has a unique name, exactly one of a plain token and a SHA-256 hash, and a secret of its own: two entries
 * with the same token (plain, hashed, or one of each) would make one caller two principals, and the first match
 * would decide the role. Plain tokens outside the demo (the embedded simulator) are at least
 * {@value #MIN_PLAIN_LENGTH} characters, so they cannot be guessed.
 */
final class AuthTokensCheck implements ConfigCheck {
    static final int MIN_PLAIN_LENGTH = 16;

    @Override
    public List<Problem> check(DrcConfiguration config) {
        List<Problem> problems = new ArrayList<>();
        if (config.getAuth() == null || config.getAuth().tokens() == null) {
            return problems;
        }
        boolean demo = config.getSimulator() != null && config.getSimulator().enabled();
        Set<String> names = new HashSet<>();
        Map<String, String> pathBySecret = new HashMap<>();
        List<TokenConfig> tokens = config.getAuth().tokens();
        for (int i = 0; i < tokens.size(); i++) {
            TokenConfig token = tokens.get(i);
            if (token == null) {
                continue;
            }
            String path = "auth.tokens[" + i + "]";
            boolean plain = token.token() != null && !token.token().isEmpty();
            boolean hashed = token.tokenSha256() != null && !token.tokenSha256().isEmpty();
            if (plain == hashed) {
                problems.add(new Problem(path, plain ? "has both token and tokenSha256" : "has neither token nor tokenSha256",
                        "keep exactly one; in production store tokenSha256 (echo -n TOKEN | sha256sum)"));
            }
            if (token.name() != null && !names.add(token.name())) {
                problems.add(new Problem(path + ".name", "'" + token.name() + "' is used by an earlier token",
                        "give every token its own name; names appear in the audit log"));
            }
            if (plain && !demo && token.token().length() < MIN_PLAIN_LENGTH) {
                problems.add(new Problem(path + ".token", "is " + token.token().length() + " characters long, shorter "
                        + "than " + MIN_PLAIN_LENGTH, "use a random token of at least " + MIN_PLAIN_LENGTH
                        + " characters (openssl rand -hex 24), stored as tokenSha256"));
            }
            if (plain != hashed) {
                String field = plain ? ".token" : ".tokenSha256";
                String earlier = pathBySecret.putIfAbsent(secretOf(token, plain), path);
                if (earlier != null) {
                    problems.add(new Problem(path + field, "is the same token as " + earlier,
                            "give every entry its own token: the first entry would decide this caller's name and role"));
                }
            }
        }
        return problems;
    }

    /** Plain tokens and hashes compare as hashes, so a plain token and the hash of the same token collide. */
    private static String secretOf(TokenConfig token, boolean plain) {
        return plain ? HexFormat.of().formatHex(ApiToken.sha256(token.token()))
                : token.tokenSha256().toLowerCase(Locale.ROOT);
    }
}
