package io.drc.controller.engine;

import io.drc.strategies.engine.ExecutionState;
import java.time.Instant;

/**
 * One decision to store atomically: the execution's new state (if {@code expectedVersion} still holds), its step
 * changes and new work, the work item it consumed, and — when the recovered region began serving — the moment.
 */
public record Commit(String executionId, long expectedVersion, ExecutionState state, DecisionEffects effects,
                     Long consumedWorkItem, Instant recoveredAt, Instant now) { }
