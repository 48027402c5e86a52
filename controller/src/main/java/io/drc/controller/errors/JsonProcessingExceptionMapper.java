package io.drc.controller.errors;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidTypeIdException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.stream.Collectors;

/** Request bodies that are not JSON, or not the expected JSON: 400 naming the field. */
@Provider
public final class JsonProcessingExceptionMapper implements ExceptionMapper<JsonProcessingException> {

    @Override
    public Response toResponse(JsonProcessingException exception) {
        if (exception instanceof UnrecognizedPropertyException unknown) {
            String known = unknown.getKnownPropertyIds().stream().map(Object::toString).sorted()
                    .collect(Collectors.joining(", "));
            return ErrorResponses.of(400, "unknown_field", "unknown field '" + path(unknown)
                    + "': remove it; known fields here are " + known);
        }
        if (exception instanceof InvalidTypeIdException typeId) {
            return ErrorResponses.of(400, "unknown_type", "field '" + path(typeId) + "': "
                    + typeId.getOriginalMessage());
        }
        if (exception instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            return ErrorResponses.of(400, "invalid_value", "field '" + path(mapping) + "' has the wrong type "
                    + "or format: " + mapping.getOriginalMessage());
        }
        return ErrorResponses.of(400, "malformed_json", "the request body is not valid JSON ("
                + exception.getOriginalMessage() + "): send a JSON object");
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
}
