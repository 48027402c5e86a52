package io.drc.strategies.engine;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What happened to an execution; the interpreter decides what follows. An event whose step is not the one its
 * branch is waiting on (a duplicate after a restart, a branch already cancelled) changes nothing.
 */
public sealed interface Event {
    record Started() implements Event { }

    record TaskSucceeded(StepRef step, JsonNode output) implements Event { }

    /** A step handler's failure, or {@code States.Timeout} when its TimeoutSeconds ran out. */
    record TaskFailed(StepRef step, String error, String cause) implements Event { }

    /** A Wait state's time or a retry's interval has come. */
    record TimerFired(StepRef step) implements Event { }

    record Approved(StepRef step, String approvedBy) implements Event { }

    record CancelRequested(String requestedBy) implements Event { }
}
