package io.drc.controller.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.drc.controller.DrcConfiguration;
import io.drc.controller.api.ExecutionPlan;
import io.drc.controller.api.ExecutionRequest;
import io.drc.controller.api.GuardReport;
import io.drc.controller.db.ServingHistory;
import io.drc.strategies.serving.ObservedServing;
import io.drc.strategies.serving.ServingStateReader;
import io.drc.strategies.serving.ServingTopology;
import java.time.Duration;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
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
    /** A drill waits for nothing and runs alone: never beside a recovery, never beside another drill. */
    static final List<ExecutionKind> DRILL_EXCLUSIVE = List.of(ExecutionKind.FAILOVER, ExecutionKind.FAILBACK,
            ExecutionKind.DRILL);
    /** How many of the newest drills a recovery looks through for running ones to cancel. */
    private static final int RECENT_DRILLS = 20;

    /** Why a request was refused, as the API will say it. */
    public record Refusal(int status, String code, String message) { }

    /** A started (or repeated) execution, a dry run's plan, or a refusal; each with the state guard's report. */
    public sealed interface Started {
        /** Null when the guard did not run (the request was refused before it, or repeats an execution). */
        GuardReport guard();

        record Execution(ExecutionStore.Created created, GuardReport guard) implements Started { }

        record Plan(ExecutionPlan plan, GuardReport guard) implements Started { }

        record Refused(Refusal refusal, GuardReport guard) implements Started { }
    }

    /** Who asks: the token's name, and whether its role may override the state guard. */
    public record Requester(String name, boolean mayForce) { }

    /**
     * The live reads the state guard makes (Route 53, RDS in both regions) run side by side and answer within this
     * time whatever AWS does: a failover must not wait on a region that is gone.
     */
    static final Duration GUARD_DEADLINE = Duration.ofSeconds(5);
    private static final Logger LOG = LoggerFactory.getLogger(ExecutionService.class);

    private final DrcConfiguration config;
    private final RunbookCatalog runbooks;
    private final ExecutionStore store;
    private final ExecutionEngine engine;
    private final RunbookPlanner planner;
    private final ObjectMapper json;
    private final Clock clock;
    private final LiveState live;

    /** What the state guard reads: live AWS within {@link #GUARD_DEADLINE}, and the store's serving history. */
    public record LiveState(ServingTopology production, ServingStateReader reader, ServingHistory history,
                            Executor reads) {
        ObservedServing observe() {
            return reader.readWithin(production, GUARD_DEADLINE, reads);
        }
    }

    public ExecutionService(DrcConfiguration config, RunbookCatalog runbooks, ExecutionStore store,
                            ExecutionEngine engine, RunbookPlanner planner, ObjectMapper json, Clock clock,
                            LiveState live) {
        this.config = config;
        this.runbooks = runbooks;
        this.store = store;
        this.engine = engine;
        this.planner = planner;
        this.json = json;
        this.clock = clock;
        this.live = live;
    }

    public Started start(ExecutionKind kind, ExecutionRequest request, Requester requester, String idempotencyKey) {
        ExecutionRequest r = request == null ? ExecutionRequest.EMPTY : request;
        String strategy = r.strategy() == null ? config.getStrategy().typeName() : r.strategy();
        Optional<RunbookCatalog.Entry> runbook = runbooks.find(strategy, kind);
        if (runbook.isEmpty()) {
            return refused(422, "unknown_strategy", "strategy: '" + strategy + "' is not a strategy this daemon has "
                    + "runbooks for; use one of " + runbooks.strategies() + " (or leave it out for '"
                    + config.getStrategy().typeName() + "')");
        }
        String target = RecoveryInputs.targetRegion(config, kind);
        Optional<Started> unconfirmed = kind == ExecutionKind.DRILL ? Optional.empty() : unconfirmed(kind, r, target);
        if (unconfirmed.isPresent()) {
            return unconfirmed.get();
        }
        if (r.isForced() && !requester.mayForce()) {
            return refused(403, "force_requires_admin", "force: only an admin token may override the state guard; "
                    + "leave it out, or ask an admin");
        }
        if (r.isForced() && (r.reason() == null || r.reason().isBlank())) {
            return refused(422, "reason_required", "reason: missing; an override of the state guard (\"force\": true) "
                    + "must say why - it is audited");
        }
        GuardReport guard = null;
        if (!repeatsOrWaits(idempotencyKey, kind)) {
            StartGuard.Verdict verdict = StartGuard.decide(kind, RecoveryInputs.sourceRegion(config, kind), target,
                    regions(), live.observe(), live.history().latest());
            guard = report(verdict, r, requester);
            if (!verdict.clear() && !r.isForced()) {
                return new Started.Refused(new Refusal(409, verdict.code(), verdict.message()), guard);
            }
            if (!verdict.clear()) {
                LOG.warn("{} {}: state guard refused ({}) and {} overrode it with force: {}; observed: {}",
                        kind.wireName(), r.isDryRun() ? "dry run" : "start", verdict.code(), requester.name(),
                        r.reason(), verdict.observed());
            }
        }
        String id = "exec-" + UUID.randomUUID();
        JsonNode input = input(kind, id);
        String runbookName = runbook.get().name();
        if (r.isDryRun()) {
            return new Started.Plan(new ExecutionPlan(true, kind.wireName(), strategy, runbookName, target, guard, input,
                    planner.plan(runbook.get().runbook(), input)), guard);
        }
        Instant now = clock.instant();
        ExecutionState pending = ExecutionState.pending(id, now, input);
        Decision first = new RunbookInterpreter().decide(runbook.get().runbook(), pending, new Event.Started(), now);
        String fingerprint = idempotencyKey == null ? null : RequestFingerprint.of(kind, r, strategy, json);
        ExecutionRecord record = new ExecutionRecord(id, kind, strategy, runbookName, requester.name(), r.reason(),
                idempotencyKey, fingerprint, target, config.getStrategy().rtoTargetSeconds(), now, null, null, null,
                pending, 0);
        Commit commit = new Commit(id, 0, first.state(), DecisionEffects.of(pending, new Event.Started(), first, now),
                null, null, now);
        ExecutionStore.Created created = store.create(record, commit, exclusiveWith(kind));
        if (kind != ExecutionKind.DRILL && created instanceof ExecutionStore.Created.New) {
            // After the store, not before: starts take turns in the store, and a drill's start is refused once this
            // execution is stored, so every drill stored before it is running now and is seen here.
            cancelRunningDrills(requester.name(), kind);
        }
        return new Started.Execution(created, guard);
    }

    private static List<ExecutionKind> exclusiveWith(ExecutionKind kind) {
        return kind == ExecutionKind.DRILL ? DRILL_EXCLUSIVE : EXCLUSIVE;
    }

    private static Optional<Started> unconfirmed(ExecutionKind kind, ExecutionRequest r, String target) {
        if (r.confirm() == null || r.confirm().isBlank()) {
            return Optional.of(refused(422, "confirmation_required", "confirm: missing; set it to '" + target
                    + "', the region that will serve after this " + kind.wireName()));
        }
        if (!r.confirm().equals(target)) {
            return Optional.of(refused(422, "confirmation_mismatch", "confirm: '" + r.confirm() + "' is not the region "
                    + "that will serve after this " + kind.wireName() + "; set it to '" + target + "'"));
        }
        return Optional.empty();
    }

    /** The runbook's input ({@link DrillInputs#runbookInput}). */
    private JsonNode input(ExecutionKind kind, String id) {
        return DrillInputs.runbookInput(config, kind, id, json);
    }

    /**
     * A recovery is never refused for a drill: the drill is cancelled (its runbook then cleans up what it made,
     * by its tag only) and the recovery starts at once.
     */
    private void cancelRunningDrills(String requestedBy, ExecutionKind kind) {
        store.list(ExecutionKind.DRILL, RECENT_DRILLS).stream().filter(e -> !e.status().ended()).forEach(drill -> {
            LOG.warn("{} requested by {}: cancelling drill {} (its cleanup continues on drill-tagged resources)",
                    kind.wireName(), requestedBy, drill.id());
            engine.apply(drill.id(), new Event.CancelRequested(requestedBy + " (" + kind.wireName() + " started)"),
                    null, false);
        });
    }

    /**
     * A request that repeats an execution (same Idempotency-Key) or meets a running one is answered by the store
     * from that execution: the guard would judge a state that execution made, or is making.
     */
    private boolean repeatsOrWaits(String idempotencyKey, ExecutionKind kind) {
        return store.precedent(idempotencyKey, exclusiveWith(kind)).isPresent();
    }

    private List<String> regions() {
        return live.production().sites().stream().map(ServingTopology.Site::region).toList();
    }

    private static GuardReport report(StartGuard.Verdict verdict, ExecutionRequest r, Requester requester) {
        boolean forced = !verdict.clear() && r.isForced();
        return new GuardReport(verdict.clear() ? "clear" : "refused", verdict.code(), verdict.observed(), forced,
                forced ? requester.name() : null, forced ? r.reason() : null);
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
        return new Started.Refused(new Refusal(status, code, message), null);
    }
}
