package io.drc.controller.engine;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.drc.strategies.engine.Branch;
import io.drc.strategies.engine.Command;
import io.drc.strategies.engine.Decision;
import io.drc.strategies.engine.Event;
import io.drc.strategies.engine.ExecutionState;
import io.drc.strategies.engine.RunbookInterpreter;
import io.drc.strategies.engine.StepRef;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * What the store must record for one decision: the step rows it changes and the work it makes due. Pure, so
 * the runner and the REST calls record decisions the same way and the translation is table-tested.
 */
public record DecisionEffects(boolean changed, List<StepChange> steps, List<WorkItem.New> work) {

    public static DecisionEffects of(ExecutionState before, Event event, Decision decision, Instant now) {
        if (decision.state() == before) { // the interpreter ignored a stale or repeated event
            return new DecisionEffects(false, List.of(), List.of());
        }
        List<StepChange> steps = new ArrayList<>();
        ended(event, decision, now).ifPresent(steps::add);
        List<WorkItem.New> work = new ArrayList<>();
        for (Command command : decision.commands()) {
            if (command instanceof Command.RunTask run) {
                WorkPayload payload = new WorkPayload(run.step(), run.resource(), run.parameters(),
                        run.timeoutSeconds(), null, now);
                work.add(new WorkItem.New(WorkKind.RUN_TASK, payload, now));
                steps.add(new StepChange.Began(StepChange.keyOf(run.step()), run.step().state(), run.resource(),
                        StepStatus.RUNNING, run.step().attempt(), run.parameters(), now));
            } else if (command instanceof Command.StartTimer timer) {
                work.add(new WorkItem.New(WorkKind.TIMER, WorkPayload.timer(timer.step()), timer.at()));
            } else if (command instanceof Command.AwaitApproval approval) {
                steps.add(new StepChange.Began(StepChange.keyOf(approval.step()), approval.step().state(),
                        RunbookInterpreter.APPROVAL, StepStatus.WAITING_APPROVAL, approval.step().attempt(), null, now));
            }
        }
        steps.addAll(cancelled(before, decision.state(), now));
        return new DecisionEffects(true, List.copyOf(steps), List.copyOf(work));
    }

    private static java.util.Optional<StepChange> ended(Event event, Decision decision, Instant now) {
        if (event instanceof Event.TaskSucceeded done) {
            return java.util.Optional.of(new StepChange.Ended(StepChange.keyOf(done.step()), StepStatus.SUCCEEDED, null,
                    done.output(), now));
        }
        if (event instanceof Event.Approved approved) {
            return java.util.Optional.of(new StepChange.Ended(StepChange.keyOf(approved.step()), StepStatus.SUCCEEDED,
                    null, JsonNodeFactory.instance.objectNode().put("approvedBy", approved.approvedBy()), now));
        }
        if (event instanceof Event.TaskFailed failed) {
            StepStatus status = retried(failed.step(), decision) ? StepStatus.RETRYING : StepStatus.FAILED;
            return java.util.Optional.of(new StepChange.Ended(StepChange.keyOf(failed.step()), status,
                    failed.error() + ": " + failed.cause(), null, now));
        }
        return java.util.Optional.empty();
    }

    private static boolean retried(StepRef step, Decision decision) {
        return decision.commands().stream().anyMatch(c -> c instanceof Command.StartTimer t
                && t.step().branchId().equals(step.branchId()) && t.step().state().equals(step.state()));
    }

    /** Branches this decision cancelled (cancel, or a sibling branch failed) leave their open step cancelled. */
    private static List<StepChange> cancelled(ExecutionState before, ExecutionState after, Instant now) {
        List<StepChange> out = new ArrayList<>();
        for (Branch b : after.branches().values()) {
            Branch was = before.branches().get(b.id());
            boolean newlyCancelled = b.phase() == Branch.Phase.CANCELLED && was != null && !was.phase().ended();
            if (newlyCancelled && was.state() != null) {
                out.add(new StepChange.Ended(StepChange.keyOf(was.ref()), StepStatus.CANCELLED, null, null, now));
            }
        }
        return out;
    }
}
