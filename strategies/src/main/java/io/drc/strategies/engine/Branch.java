package io.drc.strategies.engine;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One thread of an execution: the root runbook, or one branch of a Parallel state (then {@code scope} names
 * the Parallel states and branch indexes that lead to its runbook). It sits at {@code state} with that state's
 * {@code input}.
 *
 * @param attempt  1 on the first run of the current Task, +1 per retry
 * @param retries  uses of each Retry entry of the current state, by index (ASL counts per entry)
 * @param children the branches of the current run of a Parallel state (a retried Parallel starts new ones)
 */
public record Branch(String id, String parentId, List<Scope> scope, String state, JsonNode input, Phase phase,
                     int attempt, Map<Integer, Integer> retries, Instant enteredAt, List<String> children,
                     JsonNode output, String error, String cause) {

    /** The step from a runbook into one branch of one of its Parallel states. */
    public record Scope(String parallelState, int index) { }

    public enum Phase {
        /** a Task was handed to its step handler */
        RUNNING,
        /** a Wait state's timer is set */
        WAITING,
        /** a failed Task waits out its Retry interval */
        RETRY_WAIT,
        /** a {@code drc:approval} Task waits for an operator */
        APPROVAL,
        /** a Parallel state waits for its branches */
        CHILDREN,
        SUCCEEDED, FAILED, CANCELLED;

        public boolean ended() {
            return this == SUCCEEDED || this == FAILED || this == CANCELLED;
        }
    }

    public StepRef ref() {
        return new StepRef(id, state, attempt);
    }

    Branch at(String newState, JsonNode newInput, Phase newPhase, Instant now) {
        return new Branch(id, parentId, scope, newState, newInput, newPhase, 1, Map.of(), now, List.of(), null, null,
                null);
    }

    Branch with(Phase newPhase) {
        return new Branch(id, parentId, scope, state, input, newPhase, attempt, retries, enteredAt, children, output,
                error, cause);
    }

    Branch withChildren(List<String> newChildren) {
        return new Branch(id, parentId, scope, state, input, Phase.CHILDREN, attempt, retries, enteredAt, newChildren,
                null, null, null);
    }

    Branch retrying(Map<Integer, Integer> newRetries) {
        return new Branch(id, parentId, scope, state, input, Phase.RETRY_WAIT, attempt + 1, newRetries, enteredAt,
                children, null, null, null);
    }

    Branch succeeded(JsonNode result) {
        return new Branch(id, parentId, scope, state, input, Phase.SUCCEEDED, attempt, retries, enteredAt, children,
                result, null, null);
    }

    Branch failed(String newError, String newCause) {
        return new Branch(id, parentId, scope, state, input, Phase.FAILED, attempt, retries, enteredAt, children, null,
                newError, newCause);
    }
}
