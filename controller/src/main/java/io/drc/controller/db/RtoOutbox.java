package io.drc.controller.db;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.drc.controller.engine.ExecutionRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.jdbi.v3.core.Jdbi;

/**
 * Executions whose achieved RTO is stored but not yet acknowledged by CloudWatch (V5 {@code rto_published_at}).
 * A daemon {@link #claim}s one before publishing it (V6), so two daemons on one database do not both send it.
 * Published at least once: a daemon killed between CloudWatch's answer and {@link #published} leaves the claim to
 * expire, and the next publisher looks in CloudWatch before sending it again.
 */
public final class RtoOutbox {
    private final Jdbi jdbi;
    private final ExecutionRows rows;
    private final String owner;
    private final Duration claimFor;

    /** {@code owner} names this daemon in claims; a claim not settled within {@code claimFor} expires. */
    public RtoOutbox(Jdbi jdbi, ObjectMapper json, String owner, Duration claimFor) {
        this.jdbi = jdbi;
        this.rows = new ExecutionRows(json);
        this.owner = owner;
        this.claimFor = claimFor;
    }

    public List<ExecutionRecord> pending() {
        return jdbi.withHandle(handle -> handle.createQuery("SELECT * FROM executions"
                        + " WHERE recovered_at IS NOT NULL AND rto_published_at IS NULL ORDER BY recovered_at")
                .map((rs, ctx) -> rows.execution(rs)).list());
    }

    /** True when this daemon may publish the RTO now: still unpublished and nobody else's live claim. */
    public boolean claim(String executionId, Instant now) {
        return jdbi.withHandle(handle -> handle.createUpdate("""
                        UPDATE executions SET rto_claimed_by = :owner, rto_claimed_until = :until
                        WHERE id = :id AND recovered_at IS NOT NULL AND rto_published_at IS NULL
                          AND (rto_claimed_until IS NULL OR rto_claimed_until < :now OR rto_claimed_by = :owner)""")
                .bind("owner", owner).bind("until", SqlTimes.utc(now.plus(claimFor))).bind("now", SqlTimes.utc(now))
                .bind("id", executionId).execute()) == 1;
    }

    /** CloudWatch has it. */
    public void published(String executionId, Instant at) {
        jdbi.useHandle(handle -> handle.createUpdate("UPDATE executions SET rto_published_at = :at,"
                        + " rto_claimed_by = NULL, rto_claimed_until = NULL WHERE id = :id")
                .bind("at", SqlTimes.utc(at)).bind("id", executionId).execute());
    }

    /** Not published this time: any daemon may try at its next sweep, without waiting for the claim to expire. */
    public void release(String executionId) {
        jdbi.useHandle(handle -> handle.createUpdate("UPDATE executions SET rto_claimed_by = NULL,"
                        + " rto_claimed_until = NULL WHERE id = :id AND rto_claimed_by = :owner")
                .bind("id", executionId).bind("owner", owner).execute());
    }
}
