package io.drc.strategies.engine;

/**
 * Names one run of one state on one branch. Events carry it so that a late or repeated event for an earlier
 * step (the runner re-delivering after a restart) can never be taken for the branch's current step.
 */
public record StepRef(String branchId, String state, int attempt) { }
