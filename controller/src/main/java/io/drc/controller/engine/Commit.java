package io.drc.controller.engine;

import io.drc.strategies.engine.ExecutionState;
import java.time.Instant;

/**
 * One decision to store atomically: the execution's new state (if {@code expectedVersion} still holds), its step
 * changes and new work, the work item it consumed, and — when the recovered region began serving — the moment.
 *
 * @param consumed the claim on the work item this decision answers, null for a decision no item led to (a start,
 *                 an approval, a cancel); the decision is stored only while the claim still holds
 */
public record Commit(String executionId, long expectedVersion, ExecutionState state, DecisionEffects effects,
                     WorkClaim consumed, Instant recoveredAt, Instant now) {

    /** What came of storing a decision. */
    public enum Outcome {
        STORED,
        /** Another decision was stored since this one was made: decide again on the fresh state. */
        CONFLICT,
        /** The consumed item's claim was lost to another daemon: nothing was stored. */
        CLAIM_LOST
    }
}
