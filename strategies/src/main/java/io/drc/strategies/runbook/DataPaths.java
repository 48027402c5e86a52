package io.drc.strategies.runbook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.jayway.jsonpath.Configuration;
import com.jayway.jsonpath.InvalidPathException;
import com.jayway.jsonpath.JsonPath;
import com.jayway.jsonpath.Option;
import com.jayway.jsonpath.spi.json.JacksonJsonNodeJsonProvider;
import com.jayway.jsonpath.spi.mapper.JacksonMappingProvider;
import java.time.Instant;
import java.util.Iterator;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The data side of ASL: {@code key.$} references evaluated with Jayway JsonPath over Jackson trees
 * ({@code $.x} on the state input, {@code $$.x} on the execution context), and ResultPath placement.
 *
 * <p>A reference whose path names nothing is an error, as in Step Functions ({@code States.Runtime}), never a
 * silent null; a path whose value is JSON null names something (null).
 */
public final class DataPaths {
    /** A {@code key.$} of a Task's Parameters whose {@code path} names nothing; {@code key} dotted when nested. */
    public record MissingReference(String key, String path) {
        /** The top-level parameter the reference belongs to. */
        public String parameter() {
            int dot = key.indexOf('.');
            return dot < 0 ? key : key.substring(0, dot);
        }

        public String describe() {
            return "Parameters '" + key + ".$': path '" + path + "' does not exist in the state input";
        }
    }

    /** Thrown by {@link #resolve(JsonNode, JsonNode, JsonNode)} for a reference that names nothing. */
    public static final class MissingPathException extends RuntimeException {
        private final MissingReference reference;

        MissingPathException(MissingReference reference) {
            super(reference.describe());
            this.reference = reference;
        }

        public MissingReference reference() {
            return reference;
        }
    }

    private static final Configuration JACKSON = Configuration.builder()
            .jsonProvider(new JacksonJsonNodeJsonProvider())
            .mappingProvider(new JacksonMappingProvider())
            .options(Option.SUPPRESS_EXCEPTIONS)
            .build();
    private static final Pattern REFERENCE_PATH = Pattern.compile("\\$(\\.[A-Za-z_][A-Za-z0-9_-]*)*");

    private DataPaths() {
    }

    /** Null when {@code path} is a valid JSONPath on the input ({@code $…}) or the context ({@code $$…}). */
    public static String pathProblem(String path) {
        if (path == null || !path.startsWith("$")) {
            return "'" + path + "' is not a JSONPath: it must start with $ (state input) or $$ (execution context)";
        }
        try {
            JsonPath.compile(path.startsWith("$$") ? path.substring(1) : path);
            return null;
        } catch (InvalidPathException e) {
            return "'" + path + "' is not a valid JSONPath: " + e.getMessage();
        }
    }

    /** Null when {@code path} is a ResultPath drc can place a result at: {@code $} or {@code $.a.b}. */
    public static String resultPathProblem(String path) {
        return path == null || REFERENCE_PATH.matcher(path).matches() ? null
                : "ResultPath '" + path + "' must be $ or a plain field path like $.a.b";
    }

    /** The value at {@code path} (JSON null when the value is null), or Java null when the path names nothing. */
    public static JsonNode read(String path, JsonNode input, JsonNode context) {
        JsonNode document = path.startsWith("$$") ? context : input;
        String jsonPath = path.startsWith("$$") ? path.substring(1) : path;
        Object value = JsonPath.using(JACKSON).parse(document).read(jsonPath);
        return value instanceof JsonNode node && !node.isMissingNode() ? node : null;
    }

    /**
     * {@code parameters} with every {@code key.$} replaced by {@code key} = the referenced value.
     *
     * @throws MissingPathException for the first reference whose path names nothing
     */
    public static JsonNode resolve(JsonNode parameters, JsonNode input, JsonNode context) {
        return resolve(parameters, input, context, missing -> {
            throw new MissingPathException(missing);
        });
    }

    /** As {@link #resolve(JsonNode, JsonNode, JsonNode)}, with {@code whenMissing}'s value for a reference to nothing. */
    public static JsonNode resolve(JsonNode parameters, JsonNode input, JsonNode context,
                                   Function<MissingReference, JsonNode> whenMissing) {
        return resolve(parameters, input, context, whenMissing, "");
    }

    private static JsonNode resolve(JsonNode parameters, JsonNode input, JsonNode context,
                                    Function<MissingReference, JsonNode> whenMissing, String prefix) {
        if (parameters == null) {
            return input;
        }
        if (!parameters.isObject()) {
            return parameters;
        }
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        for (Iterator<Map.Entry<String, JsonNode>> it = parameters.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (e.getKey().endsWith(".$")) {
                String key = e.getKey().substring(0, e.getKey().length() - 2);
                String path = e.getValue().asText();
                JsonNode value = read(path, input, context);
                out.set(key, value != null ? value : whenMissing.apply(new MissingReference(prefix + key, path)));
            } else {
                out.set(e.getKey(), resolve(e.getValue(), input, context, whenMissing, prefix + e.getKey() + "."));
            }
        }
        return out;
    }

    /**
     * The execution context {@code $$} paths read: {@code Execution.Id}, {@code .StartTime}, {@code .Input},
     * {@code State.Name}, {@code .EnteredTime}, {@code .RetryCount}.
     */
    public static JsonNode context(String executionId, Instant startedAt, JsonNode input, String stateName,
                                   Instant enteredAt, int retryCount) {
        ObjectNode ctx = JsonNodeFactory.instance.objectNode();
        ctx.putObject("Execution").put("Id", executionId).put("StartTime", String.valueOf(startedAt))
                .set("Input", input);
        ctx.putObject("State").put("Name", stateName).put("EnteredTime", String.valueOf(enteredAt))
                .put("RetryCount", retryCount);
        return ctx;
    }

    /** The input with {@code result} placed at {@code resultPath}; null path keeps the input as it was. */
    public static JsonNode place(JsonNode input, String resultPath, JsonNode result) {
        if (resultPath == null) {
            return input;
        }
        if (resultPath.equals("$")) {
            return result;
        }
        ObjectNode root = input != null && input.isObject() ? ((ObjectNode) input).deepCopy() : JsonNodeFactory.instance.objectNode();
        String[] fields = resultPath.substring(2).split("\\.");
        ObjectNode at = root;
        for (int i = 0; i < fields.length - 1; i++) {
            JsonNode child = at.get(fields[i]);
            at = child instanceof ObjectNode object ? object : at.putObject(fields[i]);
        }
        at.set(fields[fields.length - 1], result);
        return root;
    }
}
