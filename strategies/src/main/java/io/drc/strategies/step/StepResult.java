package io.drc.strategies.step;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;

/** What one call of a step handler came to. */
public sealed interface StepResult {
    /** Done; {@code output} becomes the Task's result. */
    record Succeeded(JsonNode output) implements StepResult { }

    /** Not done yet: call again after {@code pollAfter}, passing {@code checkpoint} back in the context. */
    record Running(Duration pollAfter, JsonNode checkpoint) implements StepResult { }

    /**
     * Failed with an error name a runbook's Retry/Catch can match (e.g. {@code Drc.Throttled},
     * {@code Drc.RegionUnreachable}, {@code Drc.NotFound}) and a cause an operator can act on.
     */
    record Failed(String error, String cause) implements StepResult { }
}
