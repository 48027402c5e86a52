package io.drc.controller.engine;

import io.drc.strategies.engine.ExecutionKind;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.drc.controller.api.ExecutionRequest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

/**
 * What an {@code Idempotency-Key} is bound to: the kind of execution and the request's canonical body, hashed.
 * Canonical means every field of the request record (so a field added later counts without a change here), keys
 * sorted, defaults resolved: a field left out, {@code null} and {@code false} are the same request, and the
 * strategy is the one that will run.
 */
final class RequestFingerprint {
    private RequestFingerprint() {}

    static String of(ExecutionKind kind, ExecutionRequest request, String strategy, ObjectMapper json) {
        Map<String, Object> fields = new TreeMap<>(json.convertValue(request, new TypeReference<Map<String, Object>>() { }));
        fields.values().removeIf(v -> v == null || Boolean.FALSE.equals(v));
        fields.put("strategy", strategy);
        try {
            String canonical = kind.wireName() + "\n"
                    + json.writer().with(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS).writeValueAsString(fields);
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(
                    canonical.getBytes(StandardCharsets.UTF_8)));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a request that was read from JSON writes back as JSON", e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime provides SHA-256", e);
        }
    }
}
