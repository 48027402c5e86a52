package io.drc.controller.engine;

import io.drc.controller.db.ExecutionStore;
import io.drc.controller.db.WorkQueue;
import io.drc.strategies.engine.Branch;
import io.drc.strategies.engine.Event;
import io.drc.strategies.engine.ExecutionState;
import io.drc.strategies.step.StepContext;
import io.drc.strategies.step.StepFailures;
import io.drc.strategies.step.StepHandlers;
import io.drc.strategies.step.StepResult;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Carries out one leased work item: checks the execution still wants it (cancel check), runs the step handler
 * (or notes that a timer fired), and hands the outcome to the engine — or re-queues a step that is still running.
 */
public final class WorkItemProcessor {
    private static final Logger LOG = LoggerFactory.getLogger(WorkItemProcessor.class);

    private final ExecutionStore store;
    private final WorkQueue queue;
    private final ExecutionEngine engine;
    private final StepHandlers handlers;
    private final RtoPublisher rto;
    private final StepObserver observer;

    public WorkItemProcessor(ExecutionStore store, WorkQueue queue, ExecutionEngine engine, StepHandlers handlers,
                             RtoPublisher rto, StepObserver observer) {
        this.store = store;
        this.queue = queue;
        this.engine = engine;
        this.handlers = handlers;
        this.rto = rto;
        this.observer = observer;
    }

    /** MDC keys on every line logged while a work item is carried out (the step handler's lines included). */
    public static final String MDC_EXECUTION = "executionId";
    public static final String MDC_STEP = "step";

    public void process(WorkItem item, String owner) {
        try (var execution = MDC.putCloseable(MDC_EXECUTION, item.executionId());
             var step = MDC.putCloseable(MDC_STEP, item.payload().step() == null ? null : item.payload().step().state())) {
            processLogged(item, owner);
        }
    }

    private void processLogged(WorkItem item, String owner) {
        Optional<ExecutionRecord> execution = store.find(item.executionId());
        if (execution.isEmpty() || !wanted(execution.get().state(), item)) {
            queue.delete(item.id()); // cancelled, ended, or a step the execution has moved past
            return;
        }
        if (item.kind() == WorkKind.TIMER) {
            engine.apply(item.executionId(), new Event.TimerFired(item.payload().step()), item.id(), false);
            return;
        }
        WorkPayload task = item.payload();
        TaskOutcomes.Outcome outcome = TaskOutcomes.expired(task, engine.now())
                .orElseGet(() -> TaskOutcomes.of(task, run(item), engine.now()));
        if (outcome instanceof TaskOutcomes.Outcome.Poll poll) {
            queue.requeue(item.id(), owner, poll.dueAt(), task.withCheckpoint(poll.checkpoint()));
            return;
        }
        Event event = ((TaskOutcomes.Outcome.Report) outcome).event();
        if (task.startedAt() != null) {
            observer.ended(task.resource(), statusOf(event), Duration.between(task.startedAt(), engine.now()));
        }
        boolean recovered = RecoveredHandler.RESOURCE.equals(task.resource()) && event instanceof Event.TaskSucceeded;
        Optional<ExecutionRecord> after = engine.apply(item.executionId(), event, item.id(), recovered);
        if (recovered && after.map(e -> e.recoveredAt() != null).orElse(false)) {
            publishPending();
        }
    }

    /** What the store holds for CloudWatch and it has not acknowledged yet: RTOs of earlier recoveries. */
    public void publishPending() {
        try {
            rto.publishPending();
        } catch (RuntimeException e) {
            LOG.error("cannot read the RTOs still to publish: {}", e.toString(), e);
        }
    }

    private StepResult run(WorkItem item) {
        WorkPayload task = item.payload();
        var handler = handlers.find(task.resource());
        if (handler.isEmpty()) {
            return new StepResult.Failed("Drc.InvalidRunbook", "no step handler for " + task.resource());
        }
        Instant now = engine.now();
        StepContext context = new StepContext(item.executionId(), task.step().state(), task.parameters(),
                task.checkpoint(), task.step().attempt(), task.startedAt(), now);
        try {
            return handler.get().execute(context);
        } catch (RuntimeException e) {
            StepResult.Failed failed = StepFailures.classify(e);
            LOG.warn("execution {}: step {} ({}) failed: {}: {}", item.executionId(), task.step().state(),
                    task.resource(), failed.error(), failed.cause());
            return failed;
        }
    }

    private static String statusOf(Event event) {
        if (event instanceof Event.TaskFailed failed) {
            return TaskOutcomes.TIMEOUT.equals(failed.error()) ? "timed_out" : "failed";
        }
        return "succeeded";
    }

    /** The branch still sits at this step in the phase the item serves. */
    private static boolean wanted(ExecutionState state, WorkItem item) {
        if (state.status().ended()) {
            return false;
        }
        Branch branch = state.branches().get(item.payload().step().branchId());
        if (branch == null || !branch.ref().equals(item.payload().step())) {
            return false;
        }
        return item.kind() == WorkKind.RUN_TASK ? branch.phase() == Branch.Phase.RUNNING
                : branch.phase() == Branch.Phase.WAITING || branch.phase() == Branch.Phase.RETRY_WAIT;
    }
}
