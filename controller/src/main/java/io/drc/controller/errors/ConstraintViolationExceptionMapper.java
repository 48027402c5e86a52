package io.drc.controller.errors;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.stream.Collectors;

/** Bean-validation failures of requests: 422, each field named. */
@Provider
public final class ConstraintViolationExceptionMapper implements ExceptionMapper<ConstraintViolationException> {

    @Override
    public Response toResponse(ConstraintViolationException exception) {
        String message = exception.getConstraintViolations().stream()
                .map(violation -> field(violation) + ": " + violation.getMessage())
                .sorted()
                .collect(Collectors.joining("; "));
        return ErrorResponses.of(422, "validation_failed", message + " (fix the named fields and resend)");
    }

    /** The field as the client wrote it: method and parameter nodes of the path are dropped. */
    private static String field(ConstraintViolation<?> violation) {
        StringBuilder field = new StringBuilder();
        for (Path.Node node : violation.getPropertyPath()) {
            ElementKind kind = node.getKind();
            if (kind == ElementKind.PROPERTY || kind == ElementKind.CONTAINER_ELEMENT) {
                if (node.getIndex() != null) {
                    field.append('[').append(node.getIndex()).append(']');
                }
                field.append(field.length() == 0 ? "" : ".").append(node.getName());
            } else if (kind == ElementKind.PARAMETER && node.getName() != null && field.length() == 0) {
                field.append(node.getName().startsWith("arg") ? "body" : node.getName());
            }
        }
        return field.length() == 0 ? "body" : field.toString();
    }
}
