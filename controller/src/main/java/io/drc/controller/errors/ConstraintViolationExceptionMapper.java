package io.drc.controller.errors;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Bean-validation failures of requests, each field named: 400 {@code too_long} when every problem is an over-long
 * value (a limit of the API's input, like the body's size), else 422 {@code validation_failed}.
 */
@Provider
public final class ConstraintViolationExceptionMapper implements ExceptionMapper<ConstraintViolationException> {

    @Override
    public Response toResponse(ConstraintViolationException exception) {
        Set<ConstraintViolation<?>> violations = exception.getConstraintViolations();
        String message = violations.stream()
                .map(violation -> field(violation) + ": " + problem(violation))
                .sorted()
                .collect(Collectors.joining("; "));
        boolean onlyTooLong = violations.stream().allMatch(ConstraintViolationExceptionMapper::tooLong);
        return onlyTooLong
                ? ErrorResponses.of(400, "too_long", message + " (shorten the named fields and resend)")
                : ErrorResponses.of(422, "validation_failed", message + " (fix the named fields and resend)");
    }

    private static boolean tooLong(ConstraintViolation<?> violation) {
        // a @Size with a minimum also refuses what is too short: only a value over the maximum is too long
        return violation.getConstraintDescriptor().getAnnotation() instanceof Size size
                && violation.getInvalidValue() instanceof CharSequence value && value.length() > size.max();
    }

    private static String problem(ConstraintViolation<?> violation) {
        if (tooLong(violation)) {
            return "must be at most " + ((Size) violation.getConstraintDescriptor().getAnnotation()).max()
                    + " characters, got " + ((CharSequence) violation.getInvalidValue()).length();
        }
        return violation.getMessage();
    }

    /**
     * The field as the client wrote it: the property path within the body ({@code reason}), or the parameter's
     * name when the parameter itself is invalid; method and body-parameter nodes are dropped.
     */
    private static String field(ConstraintViolation<?> violation) {
        StringBuilder field = new StringBuilder();
        String parameter = null;
        for (Path.Node node : violation.getPropertyPath()) {
            ElementKind kind = node.getKind();
            if (kind == ElementKind.PROPERTY || kind == ElementKind.CONTAINER_ELEMENT) {
                if (node.getIndex() != null) {
                    field.append('[').append(node.getIndex()).append(']');
                }
                field.append(field.length() == 0 ? "" : ".").append(node.getName());
            } else if (kind == ElementKind.PARAMETER && node.getName() != null) {
                parameter = node.getName().startsWith("arg") ? "body" : node.getName();
            }
        }
        return field.length() > 0 ? field.toString() : parameter != null ? parameter : "body";
    }
}
