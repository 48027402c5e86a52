package io.drc.strategies.step;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/**
 * The inputs of one step handler call.
 *
 * @param parameters  the Task's resolved Parameters; handlers read them with {@link StepParameters#read}
 * @param checkpoint  what the previous {@link StepResult.Running} of this step asked to keep; null on first call
 * @param attempt     1 on the first run of the step, +1 per runbook retry
 * @param startedAt   when this attempt started, for handlers with their own deadline
 * @param now         the current time from the runner's clock
 */
public record StepContext(String executionId, String stepName, JsonNode parameters, JsonNode checkpoint,
                          int attempt, Instant startedAt, Instant now) { }
