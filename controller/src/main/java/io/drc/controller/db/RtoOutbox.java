package io.drc.controller.db;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.drc.controller.engine.ExecutionRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;
import org.jdbi.v3.core.Jdbi;

/**
 * Executions whose achieved RTO is stored but not yet acknowledged by CloudWatch (V5 {@code rto_published_at}).
 * A daemon {@link #claim}s one before publishing it (V6), so two daemons on one database do not both send it.
 * The claim follows liveness like every claim ({@link Claimant}): it is free once its owner is dead. Published at
 * least once: a daemon killed between CloudWatch's answer and {@link #published} leaves its claim to the others,
 * and the next publisher looks in CloudWatch before sending it again.
 */
public final class RtoOutbox {
    private final Jdbi jdbi;
    private final ExecutionRows rows;
    private final Supplier<Claimant> claimant;
    private final Duration overdueAfter;

    /**
     * {@code claimant}: this daemon as it claims at the moment of the call; a claim held longer than
     * {@code overdueAfter} is reported overdue ({@code rto_claimed_until}).
     */
    public RtoOutbox(Jdbi jdbi, ObjectMapper json, Supplier<Claimant> claimant, Duration overdueAfter) {
        this.jdbi = jdbi;
        this.rows = new ExecutionRows(json);
        this.claimant = claimant;
        this.overdueAfter = overdueAfter;
    }

    public List<ExecutionRecord> pending() {
        return jdbi.withHandle(handle -> handle.createQuery("SELECT * FROM executions"
                        + " WHERE recovered_at IS NOT NULL AND rto_published_at IS NULL ORDER BY recovered_at")
                .map((rs, ctx) -> rows.execution(rs)).list());
    }

    /** True when this daemon may publish the RTO now: still unpublished, and no other live daemon claims it. */
    public boolean claim(String executionId, Instant now) {
        Claimant who = claimant.get();
        return jdbi.withHandle(handle -> who.bind(handle.createUpdate("""
                        UPDATE executions SET rto_claimed_by = :claimant, rto_claimed_until = :until
                        WHERE id = :id AND recovered_at IS NOT NULL AND rto_published_at IS NULL
                          AND (rto_claimed_by = :claimant OR\s""" + Claimant.free("rto_claimed_by") + ")"))
                .bind("until", SqlTimes.utc(now.plus(overdueAfter))).bind("id", executionId).execute()) == 1;
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
                .bind("id", executionId).bind("owner", claimant.get().owner()).execute());
    }
}
