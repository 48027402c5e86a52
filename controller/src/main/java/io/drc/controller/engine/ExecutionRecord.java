package io.drc.controller.engine;

import io.drc.strategies.engine.ExecutionKind;
import io.drc.strategies.engine.ExecutionState;
import java.time.Instant;

/**
 * One stored execution: what was asked, by whom, and the interpreter's state.
 *
 * @param idempotencyFingerprint what the request with {@code idempotencyKey} asked ({@link RequestFingerprint}):
 *                     the key repeats this execution only for the same request
 * @param targetRegion the region that serves once the execution succeeds (where RTO is published)
 * @param version      bumped by every stored decision; a decision made on an older version is refused
 */
public record ExecutionRecord(String id, ExecutionKind kind, String strategy, String runbook, String requestedBy,
                              String reason, String idempotencyKey, String idempotencyFingerprint,
                              String targetRegion, Integer rtoTargetSeconds,
                              Instant startedAt, Instant endedAt, Instant recoveredAt, Double rtoSeconds,
                              ExecutionState state, long version) {

    public ExecutionState.Status status() {
        return state.status();
    }
}
