package io.drc.controller.engine;

import com.fasterxml.jackson.databind.JsonNode;
import io.drc.strategies.engine.StepRef;
import java.time.Instant;

/**
 * What a work item carries, stored as JSON. For a TIMER only {@code step} is set.
 *
 * @param startedAt  when this attempt of the Task started: its TimeoutSeconds count from here
 * @param checkpoint what the handler's last {@code Running} asked to keep; null before the first call
 */
public record WorkPayload(StepRef step, String resource, JsonNode parameters, Integer timeoutSeconds,
                          JsonNode checkpoint, Instant startedAt) {

    /** JSON null comes back from the store as a NullNode; handlers are promised a plain null before their first call. */
    public WorkPayload {
        checkpoint = checkpoint == null || checkpoint.isNull() ? null : checkpoint;
    }

    public static WorkPayload timer(StepRef step) {
        return new WorkPayload(step, null, null, null, null, null);
    }

    public WorkPayload withCheckpoint(JsonNode newCheckpoint) {
        return new WorkPayload(step, resource, parameters, timeoutSeconds, newCheckpoint, startedAt);
    }

    /** When a Task attempt runs out of time, or null when it has no TimeoutSeconds. */
    public Instant deadline() {
        return timeoutSeconds == null || startedAt == null ? null : startedAt.plusSeconds(timeoutSeconds);
    }
}
