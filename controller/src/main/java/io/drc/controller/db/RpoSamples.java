package io.drc.controller.db;

import io.drc.controller.replication.RpoMeasurement;
import jakarta.validation.constraints.NotNull;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.PreparedBatch;

/**
 * The rpo_samples table (V11): a resource's RPO over time, kept for {@link #RETENTION} and at most {@link #MAX_ROWS}
 * rows, read for charts. Between copies a copied resource's RPO grows by exactly the time that passed (now − the
 * source time of its newest copy), so a straight line between two stored samples is what every measurement in between
 * said: only the measurements a line cannot draw are stored — the first, the last one before the curve breaks (the
 * peak before a copy lands), the one after, a change of compliance or of nothing-to-measure — plus one every
 * {@link #HEARTBEAT} so a chart reaches the present. At 10,000 resources measured every minute that is a few rows per
 * resource per copy instead of 10,000 rows a minute (14 million a day), which would grow the H2 file without bound.
 */
public final class RpoSamples {
    /** How long samples are kept: a week of charts. */
    public static final Duration RETENTION = Duration.ofDays(7);
    /** The table's bound whatever the number of resources: the oldest samples beyond it go first (~100 MB on H2). */
    public static final long MAX_ROWS = 1_000_000;
    /** The longest a resource goes without a stored sample while its curve stays on one line. */
    static final Duration HEARTBEAT = Duration.ofMinutes(15);
    /** How far (seconds) a measurement may be off the line and still count as on it: RPOs are measured in ms. */
    private static final double TOLERANCE_SECONDS = 1.0;

    /** One measurement of one resource. */
    public record Sample(@NotNull Instant measuredAt, Double rpoSeconds, int targetSeconds, boolean compliant) { }

    /** A resource's last stored measurement, and the newest one since that was on its line (not stored yet). */
    private record Line(RpoMeasurement stored, RpoMeasurement pending) {
        boolean carries(RpoMeasurement m) {
            if (m.compliant() != stored.compliant() || (m.rpoSeconds() == null) != (stored.rpoSeconds() == null)
                    || m.targetSeconds() != stored.targetSeconds()) {
                return false;
            }
            if (m.rpoSeconds() == null) {
                return true;
            }
            double elapsed = Duration.between(stored.measuredAt(), m.measuredAt()).toMillis() / 1000.0;
            return Math.abs(m.rpoSeconds() - (stored.rpoSeconds() + elapsed)) <= TOLERANCE_SECONDS;
        }
    }

    private final Jdbi jdbi;
    private final Clock clock;
    private final long maxRows;
    /** Per resource, what was last stored: kept by the one instance that records (the RPO monitor's). */
    private final Map<String, Line> lines = new HashMap<>();

    public RpoSamples(Jdbi jdbi, Clock clock) {
        this(jdbi, clock, MAX_ROWS);
    }

    /** {@code maxRows}: the table's bound (tests use a small one). */
    RpoSamples(Jdbi jdbi, Clock clock, long maxRows) {
        this.jdbi = jdbi;
        this.clock = clock;
        this.maxRows = maxRows;
    }

    /**
     * Stores what of one round of measurements a line through the stored samples cannot draw, and drops the samples
     * older than the retention or beyond the bound, in one transaction.
     */
    public synchronized void record(List<RpoMeasurement> measured) {
        List<RpoMeasurement> rows = new ArrayList<>();
        Map<String, Line> next = new HashMap<>();
        for (RpoMeasurement m : measured) {
            Line line = lines.get(m.resourceId());
            if (line != null && line.carries(m)
                    && Duration.between(line.stored().measuredAt(), m.measuredAt()).compareTo(HEARTBEAT) < 0) {
                next.put(m.resourceId(), new Line(line.stored(), m));
                continue;
            }
            if (line != null && line.pending() != null && !line.carries(m)) {
                rows.add(line.pending()); // the end of the line: the peak before a copy landed
            }
            rows.add(m);
            next.put(m.resourceId(), new Line(m, null));
        }
        jdbi.useTransaction(h -> {
            if (!rows.isEmpty()) {
                PreparedBatch batch = h.prepareBatch("INSERT INTO rpo_samples (resource_id, measured_at, rpo_seconds,"
                        + " target_seconds, compliant) VALUES (:resource, :at, :rpo, :target, :compliant)");
                for (RpoMeasurement m : rows) {
                    batch.bind("resource", m.resourceId()).bind("at", SqlTimes.utc(m.measuredAt()))
                            .bind("rpo", m.rpoSeconds()).bind("target", m.targetSeconds())
                            .bind("compliant", m.compliant()).add();
                }
                batch.execute();
            }
            h.createUpdate("DELETE FROM rpo_samples WHERE measured_at < :before")
                    .bind("before", SqlTimes.utc(clock.instant().minus(RETENTION))).execute();
            // Ids only grow: everything more than MAX_ROWS ids below the newest is beyond the bound (an index range).
            h.createUpdate("DELETE FROM rpo_samples WHERE id <= (SELECT MAX(id) FROM rpo_samples) - :max")
                    .bind("max", maxRows).execute();
        });
        lines.putAll(next);
    }

    /** One resource's samples measured at or after {@code since}, oldest first, at most {@code limit}. */
    public List<Sample> since(String resourceId, Instant since, int limit) {
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM rpo_samples WHERE resource_id = :resource"
                        + " AND measured_at >= :since ORDER BY measured_at, id LIMIT :limit")
                .bind("resource", resourceId).bind("since", SqlTimes.utc(since)).bind("limit", limit)
                .map((rs, ctx) -> {
                    double rpo = rs.getDouble("rpo_seconds");
                    Double rpoSeconds = rs.wasNull() ? null : rpo; // before reading another column
                    return new Sample(SqlTimes.instant(rs, "measured_at"), rpoSeconds,
                            rs.getInt("target_seconds"), rs.getBoolean("compliant"));
                })
                .list());
    }
}
