package io.drc.controller.db;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.drc.controller.engine.ExecutionRecord;
import java.time.Instant;
import java.util.List;
import org.jdbi.v3.core.Jdbi;

/**
 * Executions whose achieved RTO is stored but not yet acknowledged by CloudWatch (V5 {@code rto_published_at}).
 * Published at least once: a daemon killed between CloudWatch's answer and {@link #published} sends it again,
 * which adds a second identical datapoint rather than losing the only one.
 */
public final class RtoOutbox {
    private final Jdbi jdbi;
    private final ExecutionRows rows;

    public RtoOutbox(Jdbi jdbi, ObjectMapper json) {
        this.jdbi = jdbi;
        this.rows = new ExecutionRows(json);
    }

    public List<ExecutionRecord> pending() {
        return jdbi.withHandle(handle -> handle.createQuery("SELECT * FROM executions"
                        + " WHERE recovered_at IS NOT NULL AND rto_published_at IS NULL ORDER BY recovered_at")
                .map((rs, ctx) -> rows.execution(rs)).list());
    }

    public void published(String executionId, Instant at) {
        jdbi.useHandle(handle -> handle.createUpdate("UPDATE executions SET rto_published_at = :at WHERE id = :id")
                .bind("at", SqlTimes.utc(at)).bind("id", executionId).execute());
    }
}
