package io.drc.strategies.step;

import com.fasterxml.jackson.annotation.JacksonAnnotationsInside;
import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.InvalidNullException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.type.LogicalType;
import java.io.IOException;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The one way a step handler reads its Task's Parameters: into the handler's parameter record
 * ({@link StepHandler#parameterType()}), strictly. Every component is required — absent or JSON null is refused —
 * unless marked {@link OptionalParameter}; types are exact (no {@code "4"} for 4, no 1 for true, no 1.5 for an
 * int); text is never blank; unknown parameters are refused, so a misspelt optional one is not silently unused.
 * A record's compact constructor may refuse combinations with {@link #invalid}. Every refusal names the state
 * and the parameter and is classified {@code Drc.InvalidRunbook}; when runbooks are loaded the same rules are
 * checked against the runbook input built from the configuration ({@link #problem}), so a bad Task stops
 * {@code check} and the daemon's start rather than a failover.
 */
public final class StepParameters {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final ObjectMapper STRICT = strictMapper();

    private StepParameters() {
    }

    /** The parameter type of a handler that reads no parameters: its Tasks' Parameters are not checked. */
    public record None() { }

    /** Marks a parameter record component that may be left out or null; every other component is required. */
    @Retention(RetentionPolicy.RUNTIME)
    @JacksonAnnotationsInside
    @JsonSetter(nulls = Nulls.SET)
    public @interface OptionalParameter { }

    /** What a parameter record's compact constructor throws to refuse a combination of values. */
    public static final class RuleViolation extends IllegalArgumentException {
        private final String parameter;
        private final String problem;

        private RuleViolation(String parameter, String problem) {
            super(parameter + " " + problem);
            this.parameter = parameter;
            this.problem = problem;
        }
    }

    /** For compact constructors: {@code throw StepParameters.invalid("minHealthy", "is needed without groups")}. */
    public static RuleViolation invalid(String parameter, String problem) {
        return new RuleViolation(parameter, problem);
    }

    /**
     * The step's parameters as {@code type}.
     *
     * @throws InvalidParameterException naming the state and the parameter (classified {@code Drc.InvalidRunbook})
     */
    public static <T extends Record> T read(StepContext context, Class<T> type) {
        try {
            return STRICT.treeToValue(context.parameters() == null ? NODES.objectNode() : context.parameters(), type);
        } catch (IOException e) {
            Refusal refusal = refusal(e, context.parameters());
            throw new InvalidParameterException(context.stepName(), refusal.parameter(), refusal.problem());
        }
    }

    /**
     * Why {@code parameters} would be refused by {@link #read} into {@code type}, e.g. {@code parameter
     * 'groups[0].min' is required (missing or null)}; empty when they would be read. Top-level parameters named in
     * {@code unknown} (resolved from results of earlier states, which exist only while the runbook runs) count as
     * present and of the right type.
     */
    public static Optional<String> problem(Class<? extends Record> type, JsonNode parameters, Set<String> unknown) {
        if (type == None.class) {
            return Optional.empty();
        }
        JsonNode filled = parameters;
        if (!unknown.isEmpty() && parameters != null && parameters.isObject()) {
            ObjectNode copy = ((ObjectNode) parameters).deepCopy();
            for (RecordComponent component : type.getRecordComponents()) {
                if (unknown.contains(component.getName())) {
                    copy.set(component.getName(), placeholder(component.getGenericType()));
                }
            }
            filled = copy;
        }
        try {
            STRICT.treeToValue(filled == null ? NODES.objectNode() : filled, type);
            return Optional.empty();
        } catch (IOException e) {
            Refusal refusal = refusal(e, filled);
            return Optional.of("parameter '" + refusal.parameter() + "' " + refusal.problem());
        }
    }

    private record Refusal(String parameter, String problem) { }

    private static Refusal refusal(IOException e, JsonNode parameters) {
        if (!(e instanceof JsonMappingException mapping)) {
            return new Refusal("(all)", "cannot be read: " + e.getMessage());
        }
        String path = path(mapping.getPath());
        if (mapping instanceof ValueInstantiationException && mapping.getCause() instanceof RuleViolation rule) {
            return new Refusal(path.isEmpty() ? rule.parameter : path + "." + rule.parameter, rule.problem);
        }
        if (mapping instanceof InvalidNullException) {
            return new Refusal(path, "is required (missing or null)");
        }
        if (mapping instanceof UnrecognizedPropertyException unknown) {
            return new Refusal(path, "is not a parameter of this step; its parameters are "
                    + unknown.getKnownPropertyIds().stream().map(String::valueOf).sorted().toList());
        }
        if (mapping instanceof BlankText) {
            return new Refusal(path, "must not be blank; leave an optional parameter out instead");
        }
        if (mapping instanceof MismatchedInputException mismatch && mismatch.getTargetType() != null) {
            return new Refusal(path, "must be " + kind(mismatch.getTargetType()) + ", was " + at(parameters, mapping));
        }
        return new Refusal(path.isEmpty() ? "(all)" : path, mapping.getOriginalMessage());
    }

    /** {@code groups[0].min}: the parameter's path in the Task's Parameters. */
    private static String path(List<JsonMappingException.Reference> references) {
        StringBuilder out = new StringBuilder();
        for (JsonMappingException.Reference ref : references) {
            if (ref.getFieldName() != null) {
                out.append(out.length() == 0 ? "" : ".").append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                out.append('[').append(ref.getIndex()).append(']');
            }
        }
        return out.toString();
    }

    private static String at(JsonNode parameters, JsonMappingException mapping) {
        JsonNode node = parameters;
        for (JsonMappingException.Reference ref : mapping.getPath()) {
            node = node == null ? null : ref.getFieldName() != null ? node.get(ref.getFieldName()) : node.get(ref.getIndex());
        }
        return String.valueOf(node);
    }

    private static String kind(Class<?> type) {
        if (type == String.class) {
            return "text";
        }
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
            return "a whole number";
        }
        if (type == Double.class || type == double.class) {
            return "a number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        return Collection.class.isAssignableFrom(type) || type.isArray() ? "an array" : "an object";
    }

    /** A value of the component's type, standing for a result that exists only while the runbook runs. */
    private static JsonNode placeholder(Type type) {
        Class<?> raw = type instanceof ParameterizedType p ? (Class<?>) p.getRawType() : (Class<?>) type;
        if (raw == String.class) {
            return NODES.textNode("(result of an earlier state)");
        }
        if (raw == Boolean.class || raw == boolean.class) {
            return BooleanNode.FALSE;
        }
        if (Number.class.isAssignableFrom(raw) || raw.isPrimitive()) {
            return NODES.numberNode(0);
        }
        if (Collection.class.isAssignableFrom(raw)) {
            return NODES.arrayNode();
        }
        if (Map.class.isAssignableFrom(raw)) {
            return NODES.objectNode();
        }
        ObjectNode object = NODES.objectNode();
        if (raw.isRecord()) {
            for (RecordComponent component : raw.getRecordComponents()) {
                object.set(component.getName(), placeholder(component.getGenericType()));
            }
        }
        return object;
    }

    /** Blank text is refused like a missing value: {@code ""} is never a region, an identifier or a name. */
    private static final class BlankText extends MismatchedInputException {
        BlankText(JsonParser parser) {
            super(parser, "blank text");
        }
    }

    private static final class NonBlankStringDeserializer extends StringDeserializer {
        @Override
        public String deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            String value = super.deserialize(p, ctxt);
            if (value != null && value.isBlank()) {
                throw new BlankText(p);
            }
            return value;
        }
    }

    private static ObjectMapper strictMapper() {
        JsonMapper mapper = JsonMapper.builder()
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES,
                        DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .defaultSetterInfo(JsonSetter.Value.construct(Nulls.FAIL, Nulls.FAIL))
                .addModule(new SimpleModule("non-blank text").addDeserializer(String.class, new NonBlankStringDeserializer()))
                .build();
        // no scalar turns into another: text stays text, numbers numbers, booleans booleans (whole numbers may be
        // read as decimals)
        mapper.coercionConfigFor(LogicalType.Textual).setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
        mapper.coercionConfigFor(LogicalType.Integer).setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
        mapper.coercionConfigFor(LogicalType.Float).setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
        mapper.coercionConfigFor(LogicalType.Boolean).setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.String, CoercionAction.Fail);
        return mapper;
    }
}
