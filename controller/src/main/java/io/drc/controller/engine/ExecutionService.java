package io.drc.controller.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.drc.controller.DrcConfiguration;
import io.drc.controller.api.ExecutionPlan;
import io.drc.controller.api.ExecutionRequest;
import io.drc.controller.db.ExecutionStore;
import io.drc.strategies.engine.Branch;
import io.drc.strategies.engine.Decision;
import io.drc.strategies.engine.Event;
import io.drc.strategies.engine.ExecutionKind;
import io.drc.strategies.engine.ExecutionState;
import io.drc.strategies.engine.RunbookInterpreter;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Starts, approves and cancels executions; every change goes through the interpreter and the store. */
public final class ExecutionService {
    /** Failovers and fail-backs exclude each other: one recovery at a time. */
    static final List<ExecutionKind> EXCLUSIVE = List.of(ExecutionKind.FAILOVER, ExecutionKind.FAILBACK);

    /** Why a request was refused, as the API will say it. */
    public record Refusal(int status, String code, String message) { }

    /** A started (or repeated) execution, a dry run's plan, or a refusal. */
    public sealed interface Started {
        record Execution(ExecutionStore.Created created) implements Started { }

        record Plan(ExecutionPlan plan) implements Started { }

        record Refused(Refusal refusal) implements Started { }
    }

    private final DrcConfiguration config;
    private final RunbookCatalog runbooks;
    private final ExecutionStore store;
    private final ExecutionEngine engine;
    private final RunbookPlanner planner;
    private final ObjectMapper json;
    private final Clock clock;

    public ExecutionService(DrcConfiguration config, RunbookCatalog runbooks, ExecutionStore store,
                            ExecutionEngine engine, RunbookPlanner planner, ObjectMapper json, Clock clock) {
        this.config = config;
        this.runbooks = runbooks;
        this.store = store;
        this.engine = engine;
        this.planner = planner;
        this.json = json;
        this.clock = clock;
    }

    public Started start(ExecutionKind kind, ExecutionRequest request, String requestedBy, String idempotencyKey) {
        ExecutionRequest r = request == null ? new ExecutionRequest(null, null, null, null) : request;
        String strategy = r.strategy() == null ? config.getStrategy().typeName() : r.strategy();
        Optional<RunbookCatalog.Entry> runbook = runbooks.find(strategy, kind);
        if (runbook.isEmpty()) {
            return refused(422, "unknown_strategy", "strategy: '" + strategy + "' is not a strategy this daemon has "
                    + "runbooks for; use one of " + runbooks.strategies() + " (or leave it out for '"
                    + config.getStrategy().typeName() + "')");
        }
        String target = RecoveryInputs.targetRegion(config, kind);
        if (r.confirm() == null || r.confirm().isBlank()) {
            return refused(422, "confirmation_required", "confirm: missing; set it to '" + target
                    + "', the region that will serve after this " + kind.wireName());
        }
        if (!r.confirm().equals(target)) {
            return refused(422, "confirmation_mismatch", "confirm: '" + r.confirm() + "' is not the region that will "
                    + "serve after this " + kind.wireName() + "; set it to '" + target + "'");
        }
        JsonNode input = json.valueToTree(RecoveryInputs.build(config, kind));
        String runbookName = runbook.get().name();
        if (r.isDryRun()) {
            return new Started.Plan(new ExecutionPlan(true, kind.wireName(), strategy, runbookName, target, input,
                    planner.plan(runbook.get().runbook(), input)));
        }
        Instant now = clock.instant();
        String id = "exec-" + UUID.randomUUID();
        ExecutionState pending = ExecutionState.pending(id, now, input);
        Decision first = new RunbookInterpreter().decide(runbook.get().runbook(), pending, new Event.Started(), now);
        ExecutionRecord record = new ExecutionRecord(id, kind, strategy, runbookName, requestedBy, r.reason(),
                idempotencyKey, target, config.getStrategy().rtoTargetSeconds(), now, null, null, null, pending, 0);
        Commit commit = new Commit(id, 0, first.state(), DecisionEffects.of(pending, new Event.Started(), first, now),
                null, null, now);
        return new Started.Execution(store.create(record, commit, kind == ExecutionKind.DRILL ? List.of() : EXCLUSIVE));
    }

    /** Approves every step of the execution that waits for approval. */
    public Optional<Refusal> approve(ExecutionRecord execution, String approvedBy) {
        List<Branch> waiting = execution.state().branches().values().stream()
                .filter(b -> b.phase() == Branch.Phase.APPROVAL).toList();
        if (waiting.isEmpty()) {
            return Optional.of(new Refusal(409, "not_waiting_for_approval", "execution " + execution.id() + " is "
                    + execution.status() + ": nothing waits for approval"));
        }
        waiting.forEach(b -> engine.apply(execution.id(), new Event.Approved(b.ref(), approvedBy), null, false));
        return Optional.empty();
    }

    public Optional<Refusal> cancel(ExecutionRecord execution, String requestedBy) {
        if (execution.status().ended()) {
            return Optional.of(new Refusal(409, "already_ended", "execution " + execution.id() + " already ended "
                    + execution.status() + "; nothing to cancel"));
        }
        engine.apply(execution.id(), new Event.CancelRequested(requestedBy), null, false);
        return Optional.empty();
    }

    private static Started refused(int status, String code, String message) {
        return new Started.Refused(new Refusal(status, code, message));
    }
}
