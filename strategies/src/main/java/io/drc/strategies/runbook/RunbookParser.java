package io.drc.strategies.runbook;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads Amazon States Language JSON into a {@link Runbook}, collecting every structural problem (unknown state
 * type, unknown field, missing Next/End, malformed Retry) rather than stopping at the first.
 * Reference checks (dangling Next, unknown resources, unreachable states) are {@link RunbookValidator}'s.
 */
public final class RunbookParser {
    /** JSON keeps the last of two equal keys without a word: a state defined twice would silently lose one. */
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();
    private static final String DUPLICATE = "Duplicate field '";
    private static final Map<String, Set<String>> FIELDS = Map.of(
            "Task", Set.of("Type", "Comment", "Resource", "Parameters", "ResultPath", "TimeoutSeconds", "Retry", "Catch",
                    "Next", "End"),
            "Parallel", Set.of("Type", "Comment", "Branches", "ResultPath", "Retry", "Catch", "Next", "End"),
            "Choice", Set.of("Type", "Comment", "Choices", "Default"),
            "Wait", Set.of("Type", "Comment", "Seconds", "SecondsPath", "Next", "End"),
            "Pass", Set.of("Type", "Comment", "Result", "ResultPath", "Next", "End"),
            "Succeed", Set.of("Type", "Comment"),
            "Fail", Set.of("Type", "Comment", "Error", "Cause"));

    private final String file;
    private final List<RunbookProblem> problems = new ArrayList<>();

    private RunbookParser(String file) {
        this.file = file;
    }

    /** @throws RunbookException listing every problem when the text is not a well-formed runbook */
    public static Runbook parse(String file, String json) {
        RunbookParser parser = new RunbookParser(file);
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new RunbookException(List.of(e.getOriginalMessage().startsWith(DUPLICATE) ? duplicate(file, e)
                    : new RunbookProblem(file, null, "not valid JSON: " + e.getOriginalMessage() + " at line "
                            + e.getLocation().getLineNr())));
        }
        Runbook runbook = parser.runbook(root, file);
        if (!parser.problems.isEmpty()) {
            throw new RunbookException(parser.problems);
        }
        return runbook;
    }

    /** A state name given twice in one States object, or any other key given twice in one JSON object. */
    private static RunbookProblem duplicate(String file, JsonProcessingException e) {
        String key = e.getOriginalMessage().substring(DUPLICATE.length(), e.getOriginalMessage().lastIndexOf('\''));
        int line = e.getLocation().getLineNr();
        JsonStreamContext object = e.getProcessor() instanceof JsonParser parser ? parser.getParsingContext() : null;
        JsonStreamContext holder = object == null ? null : object.getParent();
        if (holder != null && "States".equals(holder.getCurrentName())) {
            return new RunbookProblem(file, key, "is defined twice in one States object (the second at line " + line
                    + "); JSON would keep only the last: rename or remove one");
        }
        String pointer = holder == null ? "" : holder.pathAsPointer().toString(); // where the object sits
        String where = pointer.isEmpty() ? " at the top level" : " in " + pointer;
        return new RunbookProblem(file, null, "key '" + key + "' is given twice" + where + " (the second at line "
                + line + "); JSON would keep only the last");
    }

    private Runbook runbook(JsonNode node, String source) {
        if (node == null || !node.isObject()) {
            problem(null, "a runbook must be a JSON object with StartAt and States");
            return new Runbook(source, null, null, Map.of(), null);
        }
        String startAt = text(node, "StartAt", null, true);
        Map<String, State> states = new LinkedHashMap<>();
        JsonNode statesNode = node.get("States");
        if (statesNode == null || !statesNode.isObject() || statesNode.isEmpty()) {
            problem(null, "'States' must be a non-empty object of named states");
        } else {
            for (Iterator<Map.Entry<String, JsonNode>> it = statesNode.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                State state = state(e.getKey(), e.getValue());
                if (state != null) {
                    states.put(e.getKey(), state);
                }
            }
        }
        Integer timeout = node.has("TimeoutSeconds") ? positiveInt(node, "TimeoutSeconds", null) : null;
        return new Runbook(source, node.path("Comment").asText(null), startAt, states, timeout);
    }

    private State state(String name, JsonNode node) {
        String type = node.path("Type").asText(null);
        if (type == null || !FIELDS.containsKey(type)) {
            problem(name, "'Type' must be one of " + FIELDS.keySet().stream().sorted().toList() + ", got " + type);
            return null;
        }
        node.fieldNames().forEachRemaining(f -> {
            if (!FIELDS.get(type).contains(f)) {
                problem(name, "unknown field '" + f + "' for a " + type + " state; allowed: "
                        + FIELDS.get(type).stream().sorted().toList());
            }
        });
        return switch (type) {
            case "Task" -> new State.Task(name, text(node, "Resource", name, true), node.get("Parameters"),
                    resultPath(node, name), node.has("TimeoutSeconds") ? positiveInt(node, "TimeoutSeconds", name) : null,
                    new RetryParser(this, name).retriers(node.get("Retry")),
                    new RetryParser(this, name).catchers(node.get("Catch")), transition(node, name));
            case "Parallel" -> new State.Parallel(name, branches(node, name), resultPath(node, name),
                    new RetryParser(this, name).retriers(node.get("Retry")),
                    new RetryParser(this, name).catchers(node.get("Catch")), transition(node, name));
            case "Choice" -> new State.Choice(name, new ChoiceParser(this, name).rules(node.get("Choices")),
                    node.path("Default").asText(null));
            case "Wait" -> wait(name, node);
            case "Pass" -> new State.Pass(name, node.get("Result"), resultPath(node, name), transition(node, name));
            case "Succeed" -> new State.Succeed(name);
            default -> new State.Fail(name, node.path("Error").asText("States.Fail"), node.path("Cause").asText(null));
        };
    }

    private State.Wait wait(String name, JsonNode node) {
        boolean fixed = node.has("Seconds");
        boolean path = node.has("SecondsPath");
        if (fixed == path) {
            problem(name, "a Wait state needs exactly one of 'Seconds' or 'SecondsPath'");
        }
        return new State.Wait(name, fixed ? positiveInt(node, "Seconds", name) : null,
                path ? node.get("SecondsPath").asText() : null, transition(node, name));
    }

    private List<Runbook> branches(JsonNode node, String name) {
        JsonNode branches = node.get("Branches");
        if (branches == null || !branches.isArray() || branches.isEmpty()) {
            problem(name, "'Branches' must be a non-empty array of runbooks");
            return List.of();
        }
        List<Runbook> out = new ArrayList<>();
        for (int i = 0; i < branches.size(); i++) {
            out.add(runbook(branches.get(i), file + "#" + name + ".Branches[" + i + "]"));
        }
        return out;
    }

    private State.Transition transition(JsonNode node, String name) {
        boolean end = node.path("End").asBoolean(false);
        String next = node.path("Next").asText(null);
        if (end == (next != null)) {
            problem(name, "needs exactly one of 'Next' (a state name) or 'End': true");
        }
        return end ? State.Transition.finish() : State.Transition.to(next);
    }

    private String resultPath(JsonNode node, String name) {
        if (!node.has("ResultPath")) {
            return "$";
        }
        return node.get("ResultPath").isNull() ? null : text(node, "ResultPath", name, true);
    }

    String text(JsonNode node, String field, String state, boolean required) {
        JsonNode value = node.get(field);
        if (value == null || !value.isTextual() || value.asText().isBlank()) {
            if (required) {
                problem(state, "'" + field + "' is required and must be a non-empty string");
            }
            return null;
        }
        return value.asText();
    }

    Integer positiveInt(JsonNode node, String field, String state) {
        JsonNode value = node.get(field);
        if (value == null || !value.canConvertToInt() || !value.isIntegralNumber() || value.asInt() < 0) {
            problem(state, "'" + field + "' must be a whole number >= 0, got " + value);
            return 0;
        }
        return value.asInt();
    }

    void problem(String state, String reason) {
        problems.add(new RunbookProblem(file, state, reason));
    }
}
