package io.drc.controller.api;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.exc.InvalidNullException;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.type.LogicalType;
import java.io.IOException;

/**
 * The mapper that reads API request bodies: a body means exactly what it says or is refused. A boolean is only
 * {@code true}/{@code false} (never {@code "false"}, {@code 0} or {@code ""}), a string only a string, a number only
 * a number; an explicit {@code null} for a boolean is refused (leave the field out for its default, false); a key
 * given twice, an unknown key and anything after the body's one value are refused.
 *
 * <p>Only the API reads with it: the configuration and the store keep Dropwizard's mapper.
 */
public final class StrictJson {
    private StrictJson() {}

    public static ObjectMapper from(ObjectMapper base) {
        ObjectMapper strict = base.copy();
        strict.enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION.mappedFeature());
        strict.enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, DeserializationFeature.FAIL_ON_TRAILING_TOKENS,
                DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES, DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY);
        strict.disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT, DeserializationFeature.ACCEPT_SINGLE_VALUE_AS_ARRAY);
        strict.configure(MapperFeature.ALLOW_COERCION_OF_SCALARS, false);
        refuse(strict, LogicalType.Boolean, CoercionInputShape.Integer, CoercionInputShape.Float,
                CoercionInputShape.String, CoercionInputShape.EmptyString);
        refuse(strict, LogicalType.Integer, CoercionInputShape.Float, CoercionInputShape.Boolean,
                CoercionInputShape.String, CoercionInputShape.EmptyString);
        refuse(strict, LogicalType.Float, CoercionInputShape.Boolean, CoercionInputShape.String,
                CoercionInputShape.EmptyString);
        refuse(strict, LogicalType.Textual, CoercionInputShape.Integer, CoercionInputShape.Float,
                CoercionInputShape.Boolean);
        refuse(strict, LogicalType.POJO, CoercionInputShape.EmptyString, CoercionInputShape.String);
        strict.registerModule(new SimpleModule("drc-strict-booleans").addDeserializer(Boolean.class, new StrictBoolean()));
        return strict;
    }

    private static void refuse(ObjectMapper mapper, LogicalType type, CoercionInputShape... shapes) {
        for (CoercionInputShape shape : shapes) {
            mapper.coercionConfigFor(type).setCoercion(shape, CoercionAction.Fail);
        }
    }

    /**
     * Request booleans are boxed so that a field left out is distinguishable from one sent: left out, it is null
     * (the record's default applies); sent, it must be {@code true} or {@code false} — {@code null} included in
     * what is refused. Jackson's {@code Nulls.FAIL} cannot say this: it refuses the left-out field too.
     */
    static final class StrictBoolean extends StdScalarDeserializer<Boolean> {
        StrictBoolean() {
            super(Boolean.class);
        }

        @Override
        public Boolean deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            if (parser.hasToken(JsonToken.VALUE_TRUE)) {
                return Boolean.TRUE;
            }
            if (parser.hasToken(JsonToken.VALUE_FALSE)) {
                return Boolean.FALSE;
            }
            return (Boolean) context.handleUnexpectedToken(Boolean.class, parser);
        }

        @Override
        public Boolean getNullValue(DeserializationContext context) throws InvalidNullException {
            throw InvalidNullException.from(context, null, context.constructType(Boolean.class));
        }

        @Override
        public Object getAbsentValue(DeserializationContext context) {
            return null;
        }

        @Override
        public LogicalType logicalType() {
            return LogicalType.Boolean;
        }
    }
}
