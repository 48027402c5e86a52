package io.drc.simulator.ec2;

import io.drc.simulator.core.AwsError;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.core.SdkPojo;

/**
 * EC2's idempotency tokens of one region: a request repeated with the {@code ClientToken} of one that succeeded
 * has no further effect and answers with what the first one made (its current state); the same token with other
 * parameters is {@code IdempotentParameterMismatch}. Tokens are scoped per region and per action, and kept for
 * the simulator's lifetime (AWS keeps them at least 24 hours after the resource is gone). A failed request
 * leaves no token behind, so its retry runs afresh. The SDKs fill in a random token when the caller gives none.
 */
final class ClientTokens {
    /** What a token's first request asked for (without the token itself) and what it made. */
    private record Use(SdkPojo parameters, Object result) { }

    private final Map<String, Use> uses = new HashMap<>();

    /**
     * What the first request of {@code action} with {@code token} made, or empty when the token is new (or null).
     *
     * @param parameters the request's parameters that must match, i.e. the request with the token cleared (and
     *                   whatever AWS lets vary, such as the Availability Zone)
     */
    <T> Optional<T> replay(String action, String token, SdkPojo parameters, Class<T> resultType) {
        if (token == null) {
            return Optional.empty();
        }
        Use first = uses.get(key(action, token));
        if (first == null) {
            return Optional.empty();
        }
        if (!first.parameters().equalsBySdkFields(parameters)) {
            throw AwsError.badRequest("IdempotentParameterMismatch",
                    "Arguments on this idempotent request are inconsistent with arguments used in previous request(s).");
        }
        return Optional.of(resultType.cast(first.result()));
    }

    /** Records that the request of {@code action} with {@code token} succeeded and made {@code result}. */
    void remember(String action, String token, SdkPojo parameters, Object result) {
        if (token != null) {
            uses.put(key(action, token), new Use(parameters, result));
        }
    }

    private static String key(String action, String token) {
        return action + "\u0000" + token;
    }
}
