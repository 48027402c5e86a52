package io.drc.controller.api;

/**
 * {@code POST /api/v1/failovers} and {@code /failbacks}.
 *
 * @param strategy defaults to the configured one
 * @param reason   why; required with {@code force}
 * @param confirm  the region that will serve afterwards, typed out by the operator
 * @param dryRun   true: answer with the plan and change nothing
 * @param force    true: start although the state guard refuses (admins only, with a reason; audited)
 */
public record ExecutionRequest(String strategy, String reason, String confirm, Boolean dryRun, Boolean force) {
    public static final ExecutionRequest EMPTY = new ExecutionRequest(null, null, null, null, null);

    public boolean isDryRun() {
        return Boolean.TRUE.equals(dryRun);
    }

    public boolean isForced() {
        return Boolean.TRUE.equals(force);
    }
}
