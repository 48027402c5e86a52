package io.drc.controller.api;

/**
 * {@code POST /api/v1/failovers} and {@code /failbacks}.
 *
 * @param strategy defaults to the configured one
 * @param confirm  the region that will serve afterwards, typed out by the operator
 * @param dryRun   true: answer with the plan and change nothing
 */
public record ExecutionRequest(String strategy, String reason, String confirm, Boolean dryRun) {
    public boolean isDryRun() {
        return Boolean.TRUE.equals(dryRun);
    }
}
