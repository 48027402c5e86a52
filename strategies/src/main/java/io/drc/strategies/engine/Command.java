package io.drc.strategies.engine;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/** A side effect the interpreter asks the runner to carry out, after the new state is stored. */
public sealed interface Command {
    /** Call the step handler {@code resource} with {@code parameters}; report its outcome as an {@link Event}. */
    record RunTask(StepRef step, String resource, JsonNode parameters, Integer timeoutSeconds) implements Command { }

    /** Deliver {@link Event.TimerFired} for the step at {@code at}. */
    record StartTimer(StepRef step, Instant at) implements Command { }

    /** Tell operators that the step waits for their approval. */
    record AwaitApproval(StepRef step) implements Command { }

    /** The execution ended; stop every pending work item of it. */
    record Finish(ExecutionState.Status status) implements Command { }
}
