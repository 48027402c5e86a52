package io.drc.controller.db;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.drc.controller.engine.Commit;
import io.drc.controller.engine.ExecutionRecord;
import io.drc.controller.engine.StepRecord;
import io.drc.controller.engine.WorkClaim;
import io.drc.strategies.engine.ExecutionKind;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;

/**
 * Executions, their steps and due work (V3). A decision and the work it makes due are stored in ONE transaction
 * ({@link #commit}), guarded by the execution's version, before the runner carries out any side effect.
 */
public final class ExecutionStore {
    private static final String ACTIVE = "('PENDING', 'RUNNING', 'WAITING_APPROVAL')";

    /** What {@link #create} came to. */
    public sealed interface Created {
        /** The new execution, the repeated one, or the one in the way. */
        ExecutionRecord execution();

        record New(ExecutionRecord execution) implements Created { }

        /** The Idempotency-Key was used before: the first execution. */
        record Repeated(ExecutionRecord execution) implements Created { }

        /** Another execution of an exclusive kind is still active. */
        record Conflict(ExecutionRecord execution) implements Created { }

        /** The Idempotency-Key started this execution for a different request: nothing stored. */
        record KeyReused(ExecutionRecord execution) implements Created { }
    }

    private final Jdbi jdbi;
    private final ExecutionRows rows;
    private final StepWriter steps;
    private final AtomicLong recoveriesCommitted = new AtomicLong();

    public ExecutionStore(Jdbi jdbi, ObjectMapper json) {
        this.jdbi = jdbi;
        this.rows = new ExecutionRows(json);
        this.steps = new StepWriter(rows);
    }

    /**
     * Stores a new execution together with its first decision, unless its idempotency key was used before or
     * (for {@code exclusive} executions) another failover or fail-back is active.
     */
    public Created create(ExecutionRecord execution, Commit first, List<ExecutionKind> exclusiveKinds) {
        try {
            return createOnce(execution, first, exclusiveKinds);
        } finally {
            countRecovery(first);
        }
    }

    private Created createOnce(ExecutionRecord execution, Commit first, List<ExecutionKind> exclusiveKinds) {
        try {
            return SqlErrors.retryingDeadlocks("start of execution " + execution.id(), () -> jdbi.inTransaction(handle -> {
                handle.createUpdate("UPDATE execution_admission SET last_execution = :id WHERE id = 1")
                        .bind("id", execution.id()).execute(); // starts take turns from here to commit
                Optional<ExecutionRecord> repeated = byIdempotencyKey(handle, execution.idempotencyKey());
                if (repeated.isPresent()) {
                    return repeatOf(execution, repeated.get());
                }
                Optional<ExecutionRecord> running = active(handle, exclusiveKinds);
                if (running.isPresent()) {
                    return new Created.Conflict(running.get());
                }
                insert(handle, execution);
                ExecutionEvents.execution(handle, execution.id(), "execution.started",
                        execution.state().status().name(), null, execution.startedAt());
                apply(handle, first);
                return new Created.New(find(handle, execution.id()).orElseThrow());
            }));
        } catch (UnableToExecuteStatementException e) {
            if (!SqlErrors.uniqueViolation(e)) {
                throw e;
            }
            // lost an insert race on the same Idempotency-Key: the winner's execution is the answer
            return repeatOf(execution, jdbi.withHandle(h -> byIdempotencyKey(h, execution.idempotencyKey())).orElseThrow());
        }
    }

    /**
     * The execution a start would be answered with instead of a new one, read-only: the one that used this
     * Idempotency-Key, else an active one of {@code exclusiveKinds}. {@link #create} decides for real.
     */
    public Optional<ExecutionRecord> precedent(String idempotencyKey, List<ExecutionKind> exclusiveKinds) {
        return jdbi.withHandle(handle -> byIdempotencyKey(handle, idempotencyKey)
                .or(() -> active(handle, exclusiveKinds)));
    }

    /**
     * The first execution of a key, for a request that asks the same; the key reused, for one that asks something
     * else. A first execution stored without a fingerprint (before V7) is taken to have asked the same.
     */
    private static Created repeatOf(ExecutionRecord request, ExecutionRecord first) {
        return first.idempotencyFingerprint() == null
                || first.idempotencyFingerprint().equals(request.idempotencyFingerprint())
                ? new Created.Repeated(first) : new Created.KeyReused(first);
    }

    /**
     * Stores one decision: {@link Commit.Outcome#CONFLICT} (nothing stored) when another decision was stored since
     * it was made, {@link Commit.Outcome#CLAIM_LOST} (nothing stored) when the work item it consumed is no longer
     * held by the claim it was computed under.
     */
    public Commit.Outcome commit(Commit commit) {
        try {
            return SqlErrors.retryingDeadlocks("decision on execution " + commit.executionId(),
                    () -> jdbi.inTransaction(handle -> apply(handle, commit)));
        } finally {
            countRecovery(commit);
        }
    }

    /**
     * How many decisions that record a recovery this store has committed (or tried to): raised after the
     * transaction, so a reader that sees the count unchanged read the store before the recovery could show.
     */
    public long recoveriesCommitted() {
        return recoveriesCommitted.get();
    }

    private void countRecovery(Commit commit) {
        if (commit.recoveredAt() != null) {
            recoveriesCommitted.incrementAndGet();
        }
    }

    /**
     * Removes a work item that a stale event answered, if the claim still holds; false when it no longer does (the
     * item was taken over). A null claim is nothing to remove.
     */
    public boolean dropWork(WorkClaim claim) {
        return claim == null || jdbi.withHandle(h -> WorkQueue.deleteClaimed(h, claim));
    }

    public Optional<ExecutionRecord> find(String id) {
        return jdbi.withHandle(handle -> find(handle, id));
    }

    /** Newest first; {@code kind} null means every kind. */
    public List<ExecutionRecord> list(ExecutionKind kind, int limit) {
        return jdbi.withHandle(handle -> handle.createQuery("SELECT * FROM executions"
                        + (kind == null ? "" : " WHERE kind = :kind") + " ORDER BY started_at DESC, id DESC LIMIT :limit")
                .bind("kind", kind == null ? null : kind.wireName()).bind("limit", limit)
                .map((rs, ctx) -> rows.execution(rs)).list());
    }

    /**
     * The newest drill that ended with a verdict — SUCCEEDED or FAILED; a CANCELLED one (a failover took over, an
     * operator stopped it) says nothing about the plan — and the newest that passed: SUCCEEDED within its RTO target.
     */
    public record DrillVerdicts(Optional<ExecutionRecord> latest, Optional<ExecutionRecord> latestPassed) { }

    public DrillVerdicts drillVerdicts() {
        String drills = "SELECT * FROM executions WHERE kind = 'drill' AND ended_at IS NOT NULL AND ";
        String newest = " ORDER BY ended_at DESC, id DESC LIMIT 1";
        return jdbi.withHandle(handle -> new DrillVerdicts(
                handle.createQuery(drills + "status IN ('SUCCEEDED', 'FAILED')" + newest)
                        .map((rs, ctx) -> rows.execution(rs)).findFirst(),
                handle.createQuery(drills + "status = 'SUCCEEDED' AND rto_seconds IS NOT NULL"
                                + " AND (rto_target_seconds IS NULL OR rto_seconds <= rto_target_seconds)" + newest)
                        .map((rs, ctx) -> rows.execution(rs)).findFirst()));
    }

    /** How many executions ended, per kind and final status. */
    public record EndedCount(String kind, String status, long count) { }

    public List<EndedCount> endedCounts() {
        return jdbi.withHandle(handle -> handle.createQuery("SELECT kind, status, COUNT(*) AS n FROM executions"
                        + " WHERE status IN ('SUCCEEDED', 'FAILED', 'CANCELLED') GROUP BY kind, status")
                .map((rs, ctx) -> new EndedCount(rs.getString("kind"), rs.getString("status"), rs.getLong("n")))
                .list());
    }

    public List<StepRecord> steps(String executionId) {
        return jdbi.withHandle(handle -> handle.createQuery(
                        "SELECT * FROM execution_steps WHERE execution_id = :id ORDER BY seq")
                .bind("id", executionId).map((rs, ctx) -> rows.step(rs)).list());
    }

    private Commit.Outcome apply(Handle handle, Commit commit) {
        // Every decision locks its execution's row before any of its work items or steps. A cancel (no item) and a
        // step's outcome (its item) once locked them in opposite orders and deadlocked.
        handle.createQuery("SELECT id FROM executions WHERE id = :id FOR UPDATE").bind("id", commit.executionId())
                .mapTo(String.class).findOne();
        // then the fence: it locks the item, so no daemon can take it over between this check and the commit
        if (commit.consumed() != null && !WorkQueue.stillHeld(handle, commit.consumed())) {
            return Commit.Outcome.CLAIM_LOST;
        }
        var state = commit.state();
        int updated = handle.createUpdate("""
                        UPDATE executions SET status = :status, state = :state, version = version + 1,
                            ended_at = :endedAt,
                            recovered_at = COALESCE(recovered_at, :recoveredAt),
                            rto_seconds = COALESCE(rto_seconds, :rtoSeconds)
                        WHERE id = :id AND version = :version""")
                .bind("status", state.status().name())
                .bind("state", rows.write(state))
                .bind("endedAt", SqlTimes.utc(state.status().ended() ? commit.now() : null))
                .bind("recoveredAt", SqlTimes.utc(commit.recoveredAt()))
                .bind("rtoSeconds", commit.recoveredAt() == null ? null
                        : Duration.between(state.startedAt(), commit.recoveredAt()).toMillis() / 1000.0)
                .bind("id", commit.executionId()).bind("version", commit.expectedVersion())
                .execute();
        if (updated == 0) {
            return Commit.Outcome.CONFLICT;
        }
        if (commit.consumed() != null) {
            WorkQueue.deleteClaimed(handle, commit.consumed());
        }
        steps.write(handle, commit.executionId(), commit.effects().steps());
        recordExecutionEvents(handle, commit);
        if (state.status().ended()) {
            handle.createUpdate("DELETE FROM work_items WHERE execution_id = :id").bind("id", commit.executionId()).execute();
        } else {
            WorkQueue.insert(handle, rows, commit.executionId(), commit.effects().work());
        }
        return Commit.Outcome.STORED;
    }

    /** After the step events of the same decision, so a stream ends with the execution's last word. */
    private static void recordExecutionEvents(Handle handle, Commit commit) {
        var state = commit.state();
        if (commit.recoveredAt() != null
                && !ExecutionEvents.recorded(handle, commit.executionId(), ExecutionEvents.RECOVERED)) {
            ExecutionEvents.execution(handle, commit.executionId(), ExecutionEvents.RECOVERED, state.status().name(),
                    null, commit.recoveredAt());
        }
        if (state.status().ended()) {
            ExecutionEvents.execution(handle, commit.executionId(), "execution.ended", state.status().name(),
                    state.error(), commit.now());
        }
    }

    private void insert(Handle handle, ExecutionRecord e) {
        handle.createUpdate("""
                        INSERT INTO executions (id, kind, strategy, runbook, status, requested_by, reason, idempotency_key,
                            idempotency_fingerprint, target_region, rto_target_seconds, started_at, state, version)
                        VALUES (:id, :kind, :strategy, :runbook, :status, :requestedBy, :reason, :idempotencyKey,
                            :fingerprint, :targetRegion, :rtoTarget, :startedAt, :state, :version)""")
                .bind("id", e.id()).bind("kind", e.kind().wireName()).bind("strategy", e.strategy())
                .bind("runbook", e.runbook()).bind("status", e.state().status().name())
                .bind("requestedBy", e.requestedBy()).bind("reason", e.reason())
                .bind("idempotencyKey", e.idempotencyKey()).bind("fingerprint", e.idempotencyFingerprint())
                .bind("targetRegion", e.targetRegion())
                .bind("rtoTarget", e.rtoTargetSeconds()).bind("startedAt", SqlTimes.utc(e.startedAt()))
                .bind("state", rows.write(e.state())).bind("version", e.version())
                .execute();
    }

    private Optional<ExecutionRecord> find(Handle handle, String id) {
        return handle.createQuery("SELECT * FROM executions WHERE id = :id").bind("id", id)
                .map((rs, ctx) -> rows.execution(rs)).findOne();
    }

    private Optional<ExecutionRecord> byIdempotencyKey(Handle handle, String key) {
        if (key == null) {
            return Optional.empty();
        }
        return handle.createQuery("SELECT * FROM executions WHERE idempotency_key = :key").bind("key", key)
                .map((rs, ctx) -> rows.execution(rs)).findOne();
    }

    private Optional<ExecutionRecord> active(Handle handle, List<ExecutionKind> kinds) {
        if (kinds.isEmpty()) {
            return Optional.empty();
        }
        return handle.createQuery("SELECT * FROM executions WHERE status IN " + ACTIVE
                        + " AND kind IN (<kinds>) ORDER BY started_at LIMIT 1")
                .bindList("kinds", kinds.stream().map(ExecutionKind::wireName).toList())
                .map((rs, ctx) -> rows.execution(rs)).findOne();
    }
}
