package io.drc.strategies.handlers;

import com.fasterxml.jackson.databind.JsonNode;
import io.drc.strategies.step.InvalidParameterException;
import io.drc.strategies.step.StepContext;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A Task's optional {@code tags} parameter ({@code {"key": "value"}}): tags a step adds to what it creates on top
 * of its own, e.g. a drill's {@code drc:drill} so that its cleanup finds the resource again.
 */
final class ExtraTags {
    private ExtraTags() {
    }

    static Map<String, String> of(StepContext context) {
        JsonNode tags = context.parameters() == null ? null : context.parameters().get("tags");
        Map<String, String> out = new LinkedHashMap<>();
        if (tags == null || tags.isNull()) {
            return out;
        }
        if (!tags.isObject()) {
            throw new InvalidParameterException(context.stepName(), "tags", "must be an object of tag keys to values, was "
                    + tags);
        }
        tags.fields().forEachRemaining(e -> {
            if (!e.getValue().isTextual()) {
                throw new InvalidParameterException(context.stepName(), "tags", "tag '" + e.getKey()
                        + "' must have a text value, was " + e.getValue());
            }
            out.put(e.getKey(), e.getValue().asText());
        });
        return out;
    }
}
