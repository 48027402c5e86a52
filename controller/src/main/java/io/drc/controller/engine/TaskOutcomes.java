package io.drc.controller.engine;

import com.fasterxml.jackson.databind.JsonNode;
import io.drc.strategies.engine.Event;
import io.drc.strategies.step.StepResult;
import java.time.Instant;
import java.util.Optional;

/**
 * Turns what a step handler answered into what the runner does next: report an {@link Event} to the
 * interpreter, or poll again later. Pure; TimeoutSeconds counts from the attempt's start.
 */
public final class TaskOutcomes {
    public static final String TIMEOUT = "States.Timeout";

    /** The runner's next move for one work item. */
    public sealed interface Outcome {
        /** Tell the interpreter. */
        record Report(Event event) implements Outcome { }

        /** Still running: the same item is due again at {@code dueAt} with the handler's checkpoint. */
        record Poll(Instant dueAt, JsonNode checkpoint) implements Outcome { }
    }

    private TaskOutcomes() {
    }

    /** A Task whose time is up fails with {@code States.Timeout} without calling its handler again. */
    public static Optional<Outcome> expired(WorkPayload task, Instant now) {
        Instant deadline = task.deadline();
        if (deadline != null && !now.isBefore(deadline)) {
            return Optional.of(timeout(task));
        }
        return Optional.empty();
    }

    public static Outcome of(WorkPayload task, StepResult result, Instant now) {
        if (result instanceof StepResult.Succeeded done) {
            return new Outcome.Report(new Event.TaskSucceeded(task.step(), done.output()));
        }
        if (result instanceof StepResult.Failed failed) {
            return new Outcome.Report(new Event.TaskFailed(task.step(), failed.error(), failed.cause()));
        }
        StepResult.Running running = (StepResult.Running) result;
        Instant next = now.plus(running.pollAfter());
        Instant deadline = task.deadline();
        if (deadline != null && !now.isBefore(deadline)) {
            return timeout(task);
        }
        // never poll past the deadline: the next look at the item reports the timeout on time
        return new Outcome.Poll(deadline != null && next.isAfter(deadline) ? deadline : next, running.checkpoint());
    }

    private static Outcome timeout(WorkPayload task) {
        return new Outcome.Report(new Event.TaskFailed(task.step(), TIMEOUT, "step '" + task.step().state()
                + "' (" + task.resource() + ") did not finish within its TimeoutSeconds of " + task.timeoutSeconds()));
    }
}
