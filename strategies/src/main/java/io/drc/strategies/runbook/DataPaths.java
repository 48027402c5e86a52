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
import java.util.Iterator;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The data side of ASL: {@code key.$} references evaluated with Jayway JsonPath over Jackson trees
 * ({@code $.x} on the state input, {@code $$.x} on the execution context), and ResultPath placement.
 */
public final class DataPaths {
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

    /** The value at {@code path}, or null when there is none. */
    public static JsonNode read(String path, JsonNode input, JsonNode context) {
        JsonNode document = path.startsWith("$$") ? context : input;
        String jsonPath = path.startsWith("$$") ? path.substring(1) : path;
        Object value = JsonPath.using(JACKSON).parse(document).read(jsonPath);
        return value instanceof JsonNode node && !node.isMissingNode() ? node : null;
    }

    /** {@code parameters} with every {@code key.$} replaced by {@code key} = the referenced value. */
    public static JsonNode resolve(JsonNode parameters, JsonNode input, JsonNode context) {
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
                JsonNode value = read(e.getValue().asText(), input, context);
                out.set(e.getKey().substring(0, e.getKey().length() - 2), value == null ? JsonNodeFactory.instance.nullNode() : value);
            } else {
                out.set(e.getKey(), resolve(e.getValue(), input, context));
            }
        }
        return out;
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
