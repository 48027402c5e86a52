package io.drc.strategies.step;

/**
 * The application-specific actions a runbook names with {@code drc:hook:run} ({@code {"hook": "freeze"}}):
 * what AWS cannot do for drc, such as freezing writes before a fail-back copies the data home and unfreezing
 * them once traffic points at the restored region, draining a queue, or notifying people.
 *
 * <p>Implementations follow the {@link StepHandler} contract: {@link #run} is short, never sleeps, and is
 * idempotent — the runner calls it again after a restart that lost the first call's result, so freezing writes
 * that are already frozen must succeed. A hook that needs time answers {@link StepResult.Running} with when to
 * ask again and a checkpoint; it answers {@link StepResult.Failed} with an error name runbooks can match
 * (e.g. {@code Drc.HookFailed}) and a cause an operator can act on. Exceptions are classified by
 * {@link StepFailures#classify}.
 *
 * <p>The daemon's implementation is {@code HttpHooks} (an HTTP POST per hook, configured under
 * {@code recovery.hooks}); hooks it has no endpoint for go to {@code LoggingHooks}, which only logs.
 */
public interface Hooks {
    /**
     * A {@code drc:hook:run} Task's Parameters: the hook's name (e.g. {@code freeze}, {@code unfreeze}) and what the
     * application is told about the execution.
     */
    record Call(String hook, @StepParameters.OptionalParameter String execution,
                @StepParameters.OptionalParameter String application,
                @StepParameters.OptionalParameter String fromRegion,
                @StepParameters.OptionalParameter String toRegion) { }

    /**
     * Runs the hook named {@code call.hook()}.
     *
     * @param call    the Task's Parameters
     * @param context the whole step context: execution id, checkpoint, attempt and clock
     */
    StepResult run(Call call, StepContext context);
}
