package io.drc.controller.engine;

import io.drc.controller.db.ExecutionStore;
import io.drc.strategies.engine.Decision;
import io.drc.strategies.engine.Event;
import io.drc.strategies.engine.RunbookInterpreter;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Feeds one event to an execution: load, decide, store the decision with its work in one transaction. When
 * another decision was stored meanwhile (a parallel branch, an approval, a second runner), it decides again on
 * the fresh state; the interpreter ignores what has become stale.
 */
public final class ExecutionEngine {
    private static final Logger LOG = LoggerFactory.getLogger(ExecutionEngine.class);
    private static final int MAX_CONFLICTS = 50;

    private final ExecutionStore store;
    private final RunbookCatalog runbooks;
    private final RunbookInterpreter interpreter = new RunbookInterpreter();
    private final Clock clock;

    public ExecutionEngine(ExecutionStore store, RunbookCatalog runbooks, Clock clock) {
        this.store = store;
        this.runbooks = runbooks;
        this.clock = clock;
    }

    /**
     * @param consumed  the claim on the item this event answers; removed with the decision (or alone, if stale).
     *                  Null for events no item led to
     * @param recovered the event marks the moment the recovered region serves
     * @return the execution as stored afterwards, empty when it does not exist
     * @throws ClaimLostException when another daemon took the consumed item over: nothing was stored
     */
    public Optional<ExecutionRecord> apply(String executionId, Event event, WorkClaim consumed, boolean recovered) {
        for (int i = 0; i < MAX_CONFLICTS; i++) {
            Optional<ExecutionRecord> found = store.find(executionId);
            if (found.isEmpty()) {
                return found;
            }
            ExecutionRecord execution = found.get();
            Instant now = clock.instant();
            Decision decision = interpreter.decide(runbooks.byName(execution.runbook()), execution.state(), event, now);
            DecisionEffects effects = DecisionEffects.of(execution.state(), event, decision, now);
            if (!effects.changed()) {
                LOG.debug("execution {}: {} changes nothing (stale or repeated)", executionId, event);
                if (!store.dropWork(consumed)) {
                    throw lost(executionId, event, consumed);
                }
                return found;
            }
            Commit commit = new Commit(executionId, execution.version(), decision.state(), effects, consumed,
                    recovered ? now : null, now);
            Commit.Outcome outcome = store.commit(commit);
            if (outcome == Commit.Outcome.STORED) {
                LOG.info("execution {}: {} -> {}", executionId, describe(event), decision.state().status());
                return store.find(executionId);
            }
            if (outcome == Commit.Outcome.CLAIM_LOST) {
                throw lost(executionId, event, consumed);
            }
        }
        throw new IllegalStateException("execution " + executionId + ": " + MAX_CONFLICTS
                + " concurrent decisions in a row; giving up on " + event + " (its work item will be retried)");
    }

    public Instant now() {
        return clock.instant();
    }

    private static ClaimLostException lost(String executionId, Event event, WorkClaim consumed) {
        return new ClaimLostException("execution " + executionId + ": " + describe(event) + " not stored: work item "
                + consumed.itemId() + " was taken over by another daemon since " + consumed.owner() + " claimed it "
                + "(claim " + consumed.version() + ")");
    }

    private static String describe(Event event) {
        String name = event.getClass().getSimpleName();
        if (event instanceof Event.TaskFailed f) {
            return name + " " + f.step().state() + " " + f.error() + " (" + f.cause() + ")";
        }
        if (event instanceof Event.TaskSucceeded s) {
            return name + " " + s.step().state();
        }
        return name;
    }
}
