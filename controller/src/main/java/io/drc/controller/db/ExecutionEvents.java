package io.drc.controller.db;

import io.drc.controller.api.ExecutionEvent;
import io.drc.controller.engine.StepChange;
import java.time.Instant;
import java.util.List;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * The execution_events table (V10): appended inside the transaction of the decision that caused each event, read
 * in id order by the event stream.
 */
public final class ExecutionEvents {
    static final String RECOVERED = "execution.recovered";
    private static final String COLUMNS = "execution_id, type, step_key, name, resource, attempt, status, error, at";

    private final Jdbi jdbi;

    public ExecutionEvents(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /** The events of one execution after {@code afterId} (0: from the start), oldest first, at most {@code limit}. */
    public List<ExecutionEvent> after(String executionId, long afterId, int limit) {
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM execution_events WHERE execution_id = :id"
                        + " AND id > :after ORDER BY id LIMIT :limit")
                .bind("id", executionId).bind("after", afterId).bind("limit", limit)
                .map((rs, ctx) -> new ExecutionEvent(rs.getLong("id"), rs.getString("execution_id"),
                        rs.getString("type"), rs.getString("step_key"), rs.getString("name"), rs.getString("resource"),
                        (Integer) rs.getObject("attempt", Integer.class), rs.getString("status"),
                        rs.getString("error"), SqlTimes.instant(rs, "at")))
                .list());
    }

    /** An event of the execution itself ({@code execution.started}, {@code .recovered}, {@code .ended}). */
    static void execution(Handle handle, String executionId, String type, String status, String error, Instant at) {
        handle.createUpdate("INSERT INTO execution_events (" + COLUMNS + ")"
                        + " VALUES (:id, :type, NULL, NULL, NULL, NULL, :status, :error, :at)")
                .bind("id", executionId).bind("type", type).bind("status", status).bind("error", error)
                .bind("at", SqlTimes.utc(at)).execute();
    }

    static boolean recorded(Handle handle, String executionId, String type) {
        return handle.createQuery("SELECT COUNT(*) FROM execution_events WHERE execution_id = :id AND type = :type")
                .bind("id", executionId).bind("type", type).mapTo(Long.class).one() > 0;
    }

    /** The event of a step change, copied from the step row just written (name, resource and attempt included). */
    static void step(Handle handle, String executionId, StepChange change, Instant at) {
        String status = change instanceof StepChange.Began b ? b.status().name() : ((StepChange.Ended) change).status().name();
        String error = change instanceof StepChange.Ended e ? e.error() : null;
        handle.createUpdate("INSERT INTO execution_events (" + COLUMNS + ")"
                        + " SELECT execution_id, :type, step_key, name, resource, attempts, :status, :error, :at"
                        + " FROM execution_steps WHERE execution_id = :id AND step_key = :key")
                .bind("type", typeOf(change, status)).bind("status", status).bind("error", error)
                .bind("at", SqlTimes.utc(at)).bind("id", executionId).bind("key", change.key()).execute();
    }

    /** {@code step.reasserted}: the step's await re-issued its action ({@code what}: which, and what AWS showed). */
    static void reasserted(Handle handle, String executionId, String stepKey, String what, Instant at) {
        handle.createUpdate("INSERT INTO execution_events (" + COLUMNS + ")"
                        + " SELECT execution_id, 'step.reasserted', step_key, name, resource, attempts, status, :what, :at"
                        + " FROM execution_steps WHERE execution_id = :id AND step_key = :key")
                .bind("what", what).bind("at", SqlTimes.utc(at)).bind("id", executionId).bind("key", stepKey)
                .execute();
    }

    private static String typeOf(StepChange change, String status) {
        if (change instanceof StepChange.Began) {
            return "WAITING_APPROVAL".equals(status) ? "step.waiting_approval" : "step.started";
        }
        return "step." + status.toLowerCase(java.util.Locale.ROOT);
    }
}
