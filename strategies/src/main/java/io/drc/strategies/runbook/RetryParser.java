package io.drc.strategies.runbook;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/** Reads a state's {@code Retry} and {@code Catch} arrays, reporting problems to the runbook parser. */
final class RetryParser {
    private final RunbookParser parser;
    private final String state;

    RetryParser(RunbookParser parser, String state) {
        this.parser = parser;
        this.state = state;
    }

    List<State.Retrier> retriers(JsonNode node) {
        List<State.Retrier> out = new ArrayList<>();
        for (JsonNode r : array(node, "Retry")) {
            int interval = r.has("IntervalSeconds") ? parser.positiveInt(r, "IntervalSeconds", state) : 1;
            int attempts = r.has("MaxAttempts") ? parser.positiveInt(r, "MaxAttempts", state) : 3;
            double backoff = r.path("BackoffRate").asDouble(2.0);
            if (backoff < 1.0) {
                parser.problem(state, "Retry 'BackoffRate' must be >= 1.0, got " + backoff);
            }
            out.add(new State.Retrier(errors(r, "Retry"), interval, attempts, backoff));
        }
        return out;
    }

    List<State.Catcher> catchers(JsonNode node) {
        List<State.Catcher> out = new ArrayList<>();
        for (JsonNode c : array(node, "Catch")) {
            String next = parser.text(c, "Next", state, true);
            String resultPath = c.has("ResultPath") && c.get("ResultPath").isNull() ? null
                    : c.path("ResultPath").asText("$");
            out.add(new State.Catcher(errors(c, "Catch"), next, resultPath));
        }
        return out;
    }

    private List<String> errors(JsonNode node, String field) {
        JsonNode errors = node.get("ErrorEquals");
        if (errors == null || !errors.isArray() || errors.isEmpty()) {
            parser.problem(state, field + " entries need a non-empty 'ErrorEquals' array (e.g. [\"States.ALL\"])");
            return List.of();
        }
        List<String> out = new ArrayList<>();
        errors.forEach(e -> out.add(e.asText()));
        return out;
    }

    private List<JsonNode> array(JsonNode node, String field) {
        if (node == null) {
            return List.of();
        }
        if (!node.isArray()) {
            parser.problem(state, "'" + field + "' must be an array");
            return List.of();
        }
        List<JsonNode> out = new ArrayList<>();
        node.forEach(out::add);
        return out;
    }
}
