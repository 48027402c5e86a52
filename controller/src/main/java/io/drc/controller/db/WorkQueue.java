package io.drc.controller.db;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.drc.controller.cluster.ClusterNode;
import io.drc.controller.engine.StepChange;
import io.drc.controller.engine.WorkClaim;
import io.drc.controller.engine.WorkItem;
import io.drc.controller.engine.WorkKind;
import io.drc.controller.engine.WorkPayload;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * The engine's due work. A runner claims an item by a conditional UPDATE that only matches while nobody alive holds
 * it (see {@link Claimant}) and its claim count is the one the runner saw, so two runners on one PostgreSQL never
 * run the same item at once. A claim is held while its owner's heartbeat is fresh — however long the step takes —
 * and is free the moment the owner is dead, stopped, or restarted as a new incarnation. Every write of an item's
 * outcome names the claim it was computed under ({@link WorkClaim}) and is refused when the claim was lost.
 */
public final class WorkQueue {
    /** Claimable candidates are read in batches of at most this many. */
    static final int MAX_CANDIDATES = 200;

    private final Jdbi jdbi;
    private final ExecutionRows rows;

    public WorkQueue(Jdbi jdbi, ObjectMapper json) {
        this.jdbi = jdbi;
        this.rows = new ExecutionRows(json);
    }

    /** An item due and free to claim, with the claim count it had when read. */
    public record Candidate(long id, long claimVersion, Instant dueAt) { }

    /**
     * What is due at {@code now}: the free items, oldest due first (at most {@link #MAX_CANDIDATES}), and how many
     * items live daemons (this one included) hold — the load a fair share is taken of.
     */
    public record Due(List<Candidate> claimable, int heldByLive) { }

    public Due due(Claimant claimant, Instant now) {
        return jdbi.withHandle(handle -> new Due(
                claimant.bind(handle.createQuery("SELECT id, claim_version, due_at FROM work_items WHERE due_at <= :now"
                                + " AND " + Claimant.free("lease_owner") + " ORDER BY due_at, id LIMIT :limit"))
                        .bind("now", SqlTimes.utc(now)).bind("limit", MAX_CANDIDATES)
                        .map((rs, ctx) -> new Candidate(rs.getLong("id"), rs.getLong("claim_version"),
                                SqlTimes.instant(rs, "due_at"))).list(),
                claimant.bind(handle.createQuery("SELECT COUNT(*) FROM work_items WHERE "
                                + Claimant.held("lease_owner")))
                        .mapTo(Integer.class).one()));
    }

    /**
     * Claims {@code candidate} if it is still free and nobody claimed it since it was read; the item carries the new
     * claim. A claimed Task names this daemon's node on its step row ({@code execution_steps.node_id}).
     *
     * @param overdueAfter how long the claim may be held before it is reported overdue ({@code engine.lease})
     */
    public Optional<WorkItem> take(Candidate candidate, Claimant claimant, Instant now, Duration overdueAfter) {
        Optional<WorkItem> taken = claimOne(candidate, claimant, now, overdueAfter);
        // After the claim, in a transaction of its own: holding the item while waiting for its step's row crossed a
        // decision that holds the step's row and deletes the execution's items (a cancel), and deadlocked.
        taken.filter(item -> item.kind() == WorkKind.RUN_TASK).ifPresent(item -> jdbi.useHandle(handle ->
                handle.createUpdate("UPDATE execution_steps SET node_id = :node"
                                + " WHERE execution_id = :execution AND step_key = :key")
                        .bind("node", ClusterNode.nodeIdOf(claimant.owner())).bind("execution", item.executionId())
                        .bind("key", StepChange.keyOf(item.payload().step())).execute()));
        return taken;
    }

    private Optional<WorkItem> claimOne(Candidate candidate, Claimant claimant, Instant now, Duration overdueAfter) {
        return jdbi.inTransaction(handle -> {
            int taken = claimant.bind(handle.createUpdate("""
                            UPDATE work_items SET lease_owner = :claimant, lease_until = :overdueAt, claimed_at = :now,
                                claim_version = claim_version + 1
                            WHERE id = :id AND claim_version = :seen AND due_at <= :now AND\s"""
                            + Claimant.free("lease_owner")))
                    .bind("overdueAt", SqlTimes.utc(now.plus(overdueAfter))).bind("now", SqlTimes.utc(now))
                    .bind("id", candidate.id()).bind("seen", candidate.claimVersion()).execute();
            if (taken == 0) {
                return Optional.<WorkItem>empty();
            }
            return byId(handle, candidate.id());
        });
    }

    /** Claims up to {@code limit} due items, oldest due first (tests, and callers without a fair share to keep). */
    public List<WorkItem> claim(Claimant claimant, Instant now, Duration overdueAfter, int limit) {
        List<WorkItem> claimed = new ArrayList<>();
        for (Candidate candidate : due(claimant, now).claimable()) {
            if (claimed.size() >= limit) {
                break;
            }
            take(candidate, claimant, now, overdueAfter).ifPresent(claimed::add);
        }
        return claimed;
    }

    /** Puts a still-running Task back in the queue for its next poll; false (nothing written) if the claim was lost. */
    public boolean requeue(WorkClaim claim, Instant dueAt, WorkPayload payload) {
        return jdbi.withHandle(handle -> requeue(handle, claim, dueAt, payload));
    }

    /**
     * {@link #requeue} of a Task whose await re-issued its action on this poll (see
     * {@link io.drc.strategies.step.Reassertion}): the {@code step.reasserted} event is written with the new checkpoint,
     * in one transaction, and not at all if the claim was lost.
     */
    public boolean requeueReasserted(WorkClaim claim, Instant dueAt, WorkPayload payload, String executionId,
                                     String what, Instant at) {
        return jdbi.inTransaction(handle -> {
            if (!requeue(handle, claim, dueAt, payload)) {
                return false;
            }
            ExecutionEvents.reasserted(handle, executionId, StepChange.keyOf(payload.step()), what, at);
            return true;
        });
    }

    private boolean requeue(Handle handle, WorkClaim claim, Instant dueAt, WorkPayload payload) {
        return handle.createUpdate("""
                        UPDATE work_items SET due_at = :dueAt, payload = :payload, lease_owner = NULL, lease_until = NULL
                        WHERE id = :id AND lease_owner = :owner AND claim_version = :version""")
                .bind("dueAt", SqlTimes.utc(dueAt)).bind("payload", rows.write(payload))
                .bind("id", claim.itemId()).bind("owner", claim.owner()).bind("version", claim.version())
                .execute() == 1;
    }

    /** Gives an item back unprocessed, due again at {@code dueAt}; false if the claim was lost already. */
    public boolean release(WorkClaim claim, Instant dueAt) {
        return jdbi.withHandle(handle -> handle.createUpdate("""
                        UPDATE work_items SET due_at = :dueAt, lease_owner = NULL, lease_until = NULL
                        WHERE id = :id AND lease_owner = :owner AND claim_version = :version""")
                .bind("dueAt", SqlTimes.utc(dueAt)).bind("id", claim.itemId()).bind("owner", claim.owner())
                .bind("version", claim.version()).execute()) == 1;
    }

    /** Drops an item whose execution has moved on (cancelled, ended, or a stale step), if the claim still holds. */
    public boolean delete(WorkClaim claim) {
        return jdbi.withHandle(handle -> deleteClaimed(handle, claim));
    }

    public List<WorkItem> pending(String executionId) {
        return jdbi.withHandle(handle -> handle.createQuery(
                        "SELECT * FROM work_items WHERE execution_id = :id ORDER BY due_at, id")
                .bind("id", executionId).map((rs, ctx) -> rows.workItem(rs)).list());
    }

    /**
     * Locks the claimed item for the caller's transaction if the claim still holds: nobody can claim it until the
     * transaction ends. False when another daemon took it (or the item is gone).
     */
    static boolean stillHeld(Handle handle, WorkClaim claim) {
        return handle.createUpdate("""
                        UPDATE work_items SET claim_version = claim_version
                        WHERE id = :id AND lease_owner = :owner AND claim_version = :version""")
                .bind("id", claim.itemId()).bind("owner", claim.owner()).bind("version", claim.version())
                .execute() == 1;
    }

    static boolean deleteClaimed(Handle handle, WorkClaim claim) {
        return handle.createUpdate("""
                        DELETE FROM work_items WHERE id = :id AND lease_owner = :owner AND claim_version = :version""")
                .bind("id", claim.itemId()).bind("owner", claim.owner()).bind("version", claim.version())
                .execute() == 1;
    }

    static void insert(Handle handle, ExecutionRows rows, String executionId, List<WorkItem.New> work) {
        for (WorkItem.New item : work) {
            handle.createUpdate("""
                            INSERT INTO work_items (execution_id, kind, payload, due_at)
                            VALUES (:id, :kind, :payload, :dueAt)""")
                    .bind("id", executionId).bind("kind", item.kind().name())
                    .bind("payload", rows.write(item.payload())).bind("dueAt", SqlTimes.utc(item.dueAt()))
                    .execute();
        }
    }

    private Optional<WorkItem> byId(Handle handle, long id) {
        return handle.createQuery("SELECT * FROM work_items WHERE id = :id").bind("id", id)
                .map((rs, ctx) -> rows.workItem(rs)).findOne();
    }
}
