package io.drc.controller.config.checks;

import io.drc.controller.DrcConfiguration;
import io.drc.controller.config.AuthConfig.TokenConfig;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Each token has a unique name and exactly one of a plain token and a SHA-256 hash. */
final class AuthTokensCheck implements ConfigCheck {

    @Override
    public List<Problem> check(DrcConfiguration config) {
        List<Problem> problems = new ArrayList<>();
        if (config.getAuth() == null || config.getAuth().tokens() == null) {
            return problems;
        }
        Set<String> names = new HashSet<>();
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
        }
        return problems;
    }
}
