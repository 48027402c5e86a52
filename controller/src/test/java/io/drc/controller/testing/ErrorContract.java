package io.drc.controller.testing;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * API.md "Errors" as a check: a body of exactly {@code {code, message, requestId}}, a machine-readable code, a
 * message that names no Java or Jackson class, and the {@code X-Request-Id} header equal to the body's id.
 */
public final class ErrorContract {
    /** What a message must never contain: package-qualified names, exception types, Jackson's and drc's classes. */
    public static final Pattern CODE_TALK = Pattern.compile("(java|javax|jakarta|com\\.fasterxml|org\\.eclipse"
            + "|org\\.glassfish|io\\.drc|io\\.dropwizard)\\.|Exception|jackson|ExecutionRequest|ReplicationRunRequest"
            + "|ErrorBody|`|\\bclass\\b|\\bat [a-z]+\\.", Pattern.CASE_INSENSITIVE);
    private static final Pattern CODE = Pattern.compile("[a-z][a-z0-9_]*");

    private ErrorContract() {}

    /** What is wrong with this error reply; empty when it keeps the contract. */
    public static List<String> problems(RawHttp.Reply reply) {
        List<String> problems = new ArrayList<>();
        if (reply.status() < 400) {
            problems.add("status " + reply.status() + " is not an error");
        }
        if (reply.status() == -1 || reply.status() == 204 || reply.status() == 304) {
            return problems;
        }
        JsonNode body = reply.json();
        if (body == null || !body.isObject()) {
            problems.add("body is not a JSON object: " + reply.body());
            return problems;
        }
        List<String> fields = new ArrayList<>();
        body.fieldNames().forEachRemaining(fields::add);
        if (!fields.equals(List.of("code", "message", "requestId"))) {
            problems.add("fields are " + fields + ", not [code, message, requestId]");
        }
        if (!body.path("code").isTextual() || !CODE.matcher(body.path("code").asText()).matches()) {
            problems.add("code " + body.path("code") + " is not machine-readable");
        }
        String message = body.path("message").asText("");
        if (message.isBlank()) {
            problems.add("message is blank");
        }
        if (CODE_TALK.matcher(message).find()) {
            problems.add("message names code: " + message);
        }
        String requestId = body.path("requestId").asText("");
        if (requestId.isBlank() || !requestId.equals(reply.header("X-Request-Id"))) {
            problems.add("requestId '" + requestId + "' is not the X-Request-Id header '" + reply.header("X-Request-Id") + "'");
        }
        return problems;
    }
}
