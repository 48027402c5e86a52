package io.drc.controller.config.checks;

import io.drc.controller.DrcConfiguration;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Path;
import jakarta.validation.Validator;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/** The field annotations ({@code @NotEmpty}, {@code @Positive}, ...) as problems with hints. */
final class BeanValidationCheck implements ConfigCheck {
    private static final Map<String, String> HINTS = Map.ofEntries(
            Map.entry("NotNull", "add this field"),
            Map.entry("NotEmpty", "add this field with a non-empty value"),
            Map.entry("NotBlank", "add this field with a non-empty value"),
            Map.entry("Positive", "use a whole number of at least 1"),
            Map.entry("PositiveOrZero", "use a whole number of at least 0"),
            Map.entry("Min", "raise the value"),
            Map.entry("Max", "lower the value; the limit is AWS's quota or a sane bound"),
            Map.entry("Pattern", "change the value to match the described format"),
            Map.entry("MinDuration", "use a longer duration, e.g. 5s"));

    private final Validator validator;

    BeanValidationCheck(Validator validator) {
        this.validator = validator;
    }

    @Override
    public List<Problem> check(DrcConfiguration configuration) {
        return validator.validate(configuration).stream()
                .map(BeanValidationCheck::toProblem)
                .sorted(Comparator.comparing(Problem::path).thenComparing(Problem::message))
                .toList();
    }

    private static Problem toProblem(ConstraintViolation<?> violation) {
        String constraint = violation.getConstraintDescriptor().getAnnotation().annotationType().getSimpleName();
        return new Problem(yamlPath(violation.getPropertyPath()), violation.getMessage(),
                HINTS.getOrDefault(constraint, "correct the value"));
    }

    /**
     * The path as the YAML spells it and the other checks name it: {@code recovery.regions.us-west-2.database},
     * not the validator's {@code recovery.regions[us-west-2].database}; list elements keep {@code [i]}.
     */
    static String yamlPath(Path path) {
        StringBuilder out = new StringBuilder();
        for (Path.Node node : path) {
            if (node.isInIterable() && node.getIndex() != null) {
                out.append('[').append(node.getIndex()).append(']');
            } else if (node.isInIterable() && node.getKey() != null) {
                out.append('.').append(node.getKey());
            }
            String name = node.getName();
            if (name != null && !name.startsWith("<")) { // container elements are named like <list element>
                out.append(out.length() == 0 ? "" : ".").append(name);
            }
        }
        return out.toString();
    }
}
