package io.drc.controller.errors;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.InvalidNullException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.PropertyBindingException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.Collection;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Request bodies that are not JSON, or not the expected JSON: 400 naming the field and what it must be. The
 * message is drc's own: Jackson's texts name Java types and Jackson features, which mean nothing to a caller.
 */
@Provider
public final class JsonProcessingExceptionMapper implements ExceptionMapper<JsonProcessingException> {
    private static final Pattern DUPLICATE = Pattern.compile("Duplicate field '(.*)'");

    @Override
    public Response toResponse(JsonProcessingException thrown) {
        // A parse error inside a field comes wrapped with the field's path; it is still a parse error.
        JsonProcessingException exception = thrown instanceof JsonMappingException && thrown.getCause()
                instanceof StreamReadException parse ? parse : thrown;
        if (exception instanceof PropertyBindingException unknown) {
            String known = unknown.getKnownPropertyIds() == null ? "" : unknown.getKnownPropertyIds().stream()
                    .map(Object::toString).sorted().collect(Collectors.joining(", "));
            return ErrorResponses.of(400, "unknown_field", "unknown field '" + path(unknown)
                    + "': remove it; known fields here are " + known);
        }
        if (exception instanceof InvalidNullException nulled) {
            return ErrorResponses.of(400, "invalid_value", "field '" + path(nulled) + "' may not be null: send "
                    + expected(nulled.getTargetType()) + ", or leave the field out for its default");
        }
        if (exception instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            return ErrorResponses.of(400, "invalid_value", "field '" + path(mapping) + "' must be "
                    + expected(targetType(mapping)) + got(mapping));
        }
        Matcher duplicate = DUPLICATE.matcher(String.valueOf(exception.getOriginalMessage()));
        if (duplicate.find()) {
            return ErrorResponses.of(400, "duplicate_field", "field '" + duplicate.group(1) + "' appears more than "
                    + "once" + at(exception) + ": send each field once");
        }
        if (exception instanceof MismatchedInputException mismatch
                && !String.valueOf(mismatch.getOriginalMessage()).startsWith("Trailing token")) {
            return ErrorResponses.of(400, "malformed_json", "the request body must be " + expected(mismatch.getTargetType())
                    + got(mismatch));
        }
        return ErrorResponses.of(400, "malformed_json", "the request body is not valid JSON" + at(exception)
                + reason(exception) + ": send one JSON object");
    }

    /** Jackson's reference path as dotted field names, e.g. {@code steps[0].name}. */
    static String path(JsonMappingException exception) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference reference : exception.getPath()) {
            if (reference.getFieldName() != null) {
                path.append(path.length() == 0 ? "" : ".").append(reference.getFieldName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.length() == 0 ? "(body)" : path.toString();
    }

    private static Class<?> targetType(JsonMappingException exception) {
        return exception instanceof MismatchedInputException mismatch ? mismatch.getTargetType() : null;
    }

    /** What a value of {@code type} looks like in JSON. */
    static String expected(Class<?> type) {
        if (type == null) {
            return "a value of the documented type";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (CharSequence.class.isAssignableFrom(type) || type.isEnum() || type == Character.class) {
            return "a string";
        }
        if (Number.class.isAssignableFrom(type) || type.isPrimitive()) {
            return "a number";
        }
        if (Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "an array";
        }
        return Map.class.isAssignableFrom(type) || !type.getName().startsWith("java.") ? "a JSON object" : "a value";
    }

    /** What the caller sent instead, from the value Jackson could not use or the token it stopped at. */
    private static String got(JsonMappingException exception) {
        if (exception instanceof InvalidFormatException format && format.getValue() != null) {
            Object value = format.getValue();
            return "; got " + (value instanceof String s ? "the string " + ErrorResponses.quote(s) : "" + value);
        }
        JsonParser parser = exception.getProcessor() instanceof JsonParser p ? p : null;
        JsonToken token = parser == null ? null : parser.currentToken();
        if (token == null) {
            return "";
        }
        return "; got " + switch (token) {
            case VALUE_STRING -> "the string " + text(parser);
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
            case VALUE_TRUE, VALUE_FALSE -> "a boolean";
            case VALUE_NULL -> "null";
            case START_ARRAY, END_ARRAY -> "an array";
            case START_OBJECT, END_OBJECT, FIELD_NAME -> "an object";
            default -> "something else";
        };
    }

    private static String text(JsonParser parser) {
        try {
            return ErrorResponses.quote(parser.getText());
        } catch (java.io.IOException unreadable) {
            return "";
        }
    }

    private static String at(JsonProcessingException exception) {
        JsonLocation location = exception.getLocation();
        return location == null || location.getLineNr() < 1 ? ""
                : " at line " + location.getLineNr() + ", column " + location.getColumnNr();
    }

    /** Jackson's own reason when it speaks JSON ("Unexpected character ..."), nothing when it speaks Java. */
    private static String reason(JsonProcessingException exception) {
        String original = exception.getOriginalMessage();
        if (original == null) {
            return "";
        }
        String reason = HttpErrors.plain(original.replaceAll("\\s*\\(start marker at.*$", ""));
        return reason == null ? "" : " (" + reason + ")";
    }
}
