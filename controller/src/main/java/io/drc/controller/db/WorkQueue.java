package io.drc.controller.db;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.drc.controller.engine.WorkItem;
import io.drc.controller.engine.WorkPayload;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * The engine's due work. Runners lease items by a conditional UPDATE (only an unleased or expired item is taken),
 * so two runners on one PostgreSQL never run the same item at once, and a restarted daemon re-claims the items
 * whose leases its predecessor left behind once they expire.
 */
public final class WorkQueue {
    private final Jdbi jdbi;
    private final ExecutionRows rows;

    public WorkQueue(Jdbi jdbi, ObjectMapper json) {
        this.jdbi = jdbi;
        this.rows = new ExecutionRows(json);
    }

    /** Leases up to {@code limit} items due at {@code now}, oldest due first. */
    public List<WorkItem> claim(String owner, Instant now, Duration lease, int limit) {
        List<Long> candidates = jdbi.withHandle(handle -> handle.createQuery("""
                        SELECT id FROM work_items WHERE due_at <= :now AND (lease_until IS NULL OR lease_until < :now)
                        ORDER BY due_at, id LIMIT :limit""")
                .bind("now", SqlTimes.utc(now)).bind("limit", limit).mapTo(Long.class).list());
        List<WorkItem> claimed = new ArrayList<>();
        for (long id : candidates) {
            jdbi.useHandle(handle -> {
                int taken = handle.createUpdate("""
                                UPDATE work_items SET lease_owner = :owner, lease_until = :until
                                WHERE id = :id AND (lease_until IS NULL OR lease_until < :now)""")
                        .bind("owner", owner).bind("until", SqlTimes.utc(now.plus(lease)))
                        .bind("id", id).bind("now", SqlTimes.utc(now)).execute();
                if (taken == 1) {
                    handle.createQuery("SELECT * FROM work_items WHERE id = :id").bind("id", id)
                            .map((rs, ctx) -> rows.workItem(rs)).findOne().ifPresent(claimed::add);
                }
            });
        }
        return claimed;
    }

    /** Puts a still-running Task back in the queue for its next poll, if this runner still holds it. */
    public boolean requeue(long id, String owner, Instant dueAt, WorkPayload payload) {
        return jdbi.withHandle(handle -> handle.createUpdate("""
                        UPDATE work_items SET due_at = :dueAt, payload = :payload, lease_owner = NULL, lease_until = NULL
                        WHERE id = :id AND lease_owner = :owner""")
                .bind("dueAt", SqlTimes.utc(dueAt)).bind("payload", rows.write(payload))
                .bind("id", id).bind("owner", owner).execute()) == 1;
    }

    /** Drops an item whose execution has moved on (cancelled, ended, or a stale step). */
    public void delete(long id) {
        jdbi.useHandle(handle -> handle.createUpdate("DELETE FROM work_items WHERE id = :id").bind("id", id).execute());
    }

    public List<WorkItem> pending(String executionId) {
        return jdbi.withHandle(handle -> handle.createQuery(
                        "SELECT * FROM work_items WHERE execution_id = :id ORDER BY due_at, id")
                .bind("id", executionId).map((rs, ctx) -> rows.workItem(rs)).list());
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
}
