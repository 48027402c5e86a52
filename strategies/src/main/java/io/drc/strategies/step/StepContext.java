package io.drc.strategies.step;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.Optional;

/**
 * The inputs of one step handler call.
 *
 * @param parameters  the Task's resolved Parameters
 * @param checkpoint  what the previous {@link StepResult.Running} of this step asked to keep; null on first call
 * @param attempt     1 on the first run of the step, +1 per runbook retry
 * @param startedAt   when this attempt started, for handlers with their own deadline
 * @param now         the current time from the runner's clock
 */
public record StepContext(String executionId, String stepName, JsonNode parameters, JsonNode checkpoint,
                          int attempt, Instant startedAt, Instant now) {

    /** A required text parameter; a runbook that omits it gets a failure naming it. */
    public String text(String name) {
        JsonNode value = parameters == null ? null : parameters.get(name);
        if (value == null || value.isNull() || value.asText().isBlank()) {
            throw new MissingParameterException(stepName, name);
        }
        return value.asText();
    }

    public int integer(String name) {
        JsonNode value = parameters == null ? null : parameters.get(name);
        if (value == null || !value.canConvertToInt()) {
            throw new MissingParameterException(stepName, name);
        }
        return value.asInt();
    }

    /** An optional text parameter: empty when absent, JSON null or blank. */
    public Optional<String> optionalText(String name) {
        JsonNode value = optional(name);
        return value == null || value.asText().isBlank() ? Optional.empty() : Optional.of(value.asText());
    }

    /** An optional boolean parameter: empty when absent or JSON null; anything but true/false is refused. */
    public Optional<Boolean> optionalBoolean(String name) {
        JsonNode value = optional(name);
        if (value == null) {
            return Optional.empty();
        }
        if (!value.isBoolean()) {
            throw new InvalidParameterException(stepName, name, "must be true or false, was " + value);
        }
        return Optional.of(value.booleanValue());
    }

    private JsonNode optional(String name) {
        JsonNode value = parameters == null ? null : parameters.get(name);
        return value == null || value.isNull() ? null : value;
    }
}
