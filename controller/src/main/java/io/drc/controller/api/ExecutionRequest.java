package io.drc.controller.api;

import jakarta.validation.constraints.Size;

/**
 * {@code POST /api/v1/failovers} and {@code /failbacks}.
 *
 * @param strategy defaults to the configured one
 * @param reason   why, for the audit log and the execution; required with {@code force}
 * @param confirm  the region that will serve afterwards, typed out by the operator
 * @param dryRun   true: answer with the plan and change nothing; left out: false
 * @param force    true: start although the state guard refuses (admins only, with a reason; audited)
 */
public record ExecutionRequest(@Size(max = ApiLimits.ID) String strategy,
                               @Size(max = ApiLimits.REASON) String reason,
                               @Size(max = ApiLimits.ID) String confirm,
                               Boolean dryRun,
                               Boolean force) {
    public static final ExecutionRequest EMPTY = new ExecutionRequest(null, null, null, null, null);

    public boolean isDryRun() {
        return Boolean.TRUE.equals(dryRun);
    }

    public boolean isForced() {
        return Boolean.TRUE.equals(force);
    }
}
