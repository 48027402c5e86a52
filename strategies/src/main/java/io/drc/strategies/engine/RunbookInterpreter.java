package io.drc.strategies.engine;

import io.drc.strategies.runbook.Runbook;
import java.time.Instant;
import java.util.List;

/**
 * The pure heart of the engine: given a runbook, an execution's state and what just happened, decides the
 * next state and the side effects to run. No I/O and no clock of its own, so a restart can replay nothing
 * and lose nothing: the runner stores the decision, then carries out its commands.
 */
public final class RunbookInterpreter {
    /** The Task resource that waits for an operator's approval instead of calling a step handler. */
    public static final String APPROVAL = "drc:approval";
    /**
     * The error of a cancelled execution, and the name a Catch lists to run on after a cancel request (a drill's
     * cleanup) instead of ending at once.
     */
    public static final String CANCELLED = "States.Cancelled";

    /**
     * The error of a state that cannot run as written — a {@code key.$} or SecondsPath naming nothing in its input.
     * As in Step Functions, no Retry or Catch (not even {@code States.ALL}) handles it: the execution fails.
     */
    public static final String RUNTIME_ERROR = "States.Runtime";

    public Decision decide(Runbook runbook, ExecutionState state, Event event, Instant now) {
        if (state.status().ended()) {
            return unchanged(state);
        }
        Interpretation run = new Interpretation(runbook, state, now);
        if (event instanceof Event.Started) {
            if (state.status() != ExecutionState.Status.PENDING) {
                return unchanged(state);
            }
            run.start();
        } else if (event instanceof Event.CancelRequested cancel) {
            run.cancel(cancel.requestedBy());
        } else if (!applyToBranch(run, state, event)) {
            return unchanged(state);
        }
        return run.decision();
    }

    /** @return false when the event's branch is not waiting for it (a duplicate or late event) */
    private static boolean applyToBranch(Interpretation run, ExecutionState state, Event event) {
        if (event instanceof Event.TaskSucceeded done) {
            return when(state, done.step(), Branch.Phase.RUNNING, b -> run.taskSucceeded(b, done.output()));
        } else if (event instanceof Event.TaskFailed failed) {
            return when(state, failed.step(), Branch.Phase.RUNNING,
                    b -> run.taskFailed(b, failed.error(), failed.cause()));
        } else if (event instanceof Event.TimerFired timer) {
            return when(state, timer.step(), Branch.Phase.WAITING, run::timerFired)
                    || when(state, timer.step(), Branch.Phase.RETRY_WAIT, run::timerFired);
        } else if (event instanceof Event.Approved approved) {
            return when(state, approved.step(), Branch.Phase.APPROVAL, b -> run.taskSucceeded(b,
                    com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode()
                            .put("approvedBy", approved.approvedBy())));
        }
        return false;
    }

    private static boolean when(ExecutionState state, StepRef step, Branch.Phase phase,
                                java.util.function.Consumer<Branch> action) {
        Branch branch = state.branches().get(step.branchId());
        if (branch == null || branch.phase() != phase || !branch.ref().equals(step)) {
            return false;
        }
        action.accept(branch);
        return true;
    }

    private static Decision unchanged(ExecutionState state) {
        return new Decision(state, List.of());
    }
}
