package io.drc.simulator.ec2;

import io.drc.simulator.core.AwsError;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.core.traits.DefaultValueTrait;

/**
 * EC2's idempotency tokens of one region: a request repeated with the {@code ClientToken} of one that succeeded
 * has no further effect and answers with what the first one made (its current state); the same token with other
 * parameters is {@code IdempotentParameterMismatch}. Tokens are scoped per region and per action, and kept for
 * the simulator's lifetime (AWS keeps them at least 24 hours after the resource is gone). A failed request
 * leaves no token behind, so its retry runs afresh. The SDKs fill in a random token when the caller gives none.
 */
final class ClientTokens implements Serializable {
    /**
     * What a token's first request asked for (without the token itself) and what it made. The request is kept as
     * its fields' values, not as the SDK request object: requests are not serializable (their field values, model
     * objects included, are) and the tokens are saved with the world.
     */
    private record Use(List<Object> parameters, Object result) implements Serializable { }

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
        if (!Objects.equals(first.parameters(), fieldValues(parameters))) {
            throw AwsError.badRequest("IdempotentParameterMismatch",
                    "Arguments on this idempotent request are inconsistent with arguments used in previous request(s).");
        }
        return Optional.of(resultType.cast(first.result()));
    }

    /** Records that the request of {@code action} with {@code token} succeeded and made {@code result}. */
    void remember(String action, String token, SdkPojo parameters, Object result) {
        if (token != null) {
            uses.put(key(action, token), new Use(fieldValues(parameters), result));
        }
    }

    /**
     * The request's field values but the token, in its fields' order (nulls kept), nested objects likewise, as
     * plain lists and maps: the SDK's placeholder for an absent list is equal only to itself, and a saved one read
     * back is another.
     */
    private static List<Object> fieldValues(SdkPojo pojo) {
        // a field with a default is the idempotency token itself, whose "default" is a fresh random one
        return pojo.sdkFields().stream().filter(field -> !field.containsTrait(DefaultValueTrait.class))
                .map(field -> plain(field.getValueOrDefault(pojo)))
                .collect(Collectors.toCollection(ArrayList::new));
    }

    private static Object plain(Object value) {
        if (value instanceof SdkPojo pojo) {
            return fieldValues(pojo);
        }
        if (value instanceof List<?> list) {
            return list.stream().map(ClientTokens::plain).collect(Collectors.toCollection(ArrayList::new));
        }
        if (value instanceof Map<?, ?> map) {
            Map<Object, Object> copy = new LinkedHashMap<>();
            map.forEach((k, v) -> copy.put(k, plain(v)));
            return copy;
        }
        return value;
    }

    private static String key(String action, String token) {
        return action + "\u0000" + token;
    }
}
