package io.drc.controller.db;

import io.drc.controller.replication.RpoMeasurement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.jdbi.v3.core.Jdbi;

/** The rpo_samples table (V11): every RPO measurement, kept for {@link #RETENTION}, read for charts. */
public final class RpoSamples {
    /** How long samples are kept: a week of charts, bounded whatever the measure interval. */
    public static final Duration RETENTION = Duration.ofDays(7);

    /** One measurement of one resource. */
    public record Sample(Instant measuredAt, Double rpoSeconds, int targetSeconds, boolean compliant) { }

    private final Jdbi jdbi;
    private final Clock clock;

    public RpoSamples(Jdbi jdbi, Clock clock) {
        this.jdbi = jdbi;
        this.clock = clock;
    }

    /** Stores one round of measurements and drops the samples older than the retention, in one transaction. */
    public void record(List<RpoMeasurement> measured) {
        jdbi.useTransaction(h -> {
            for (RpoMeasurement m : measured) {
                h.createUpdate("INSERT INTO rpo_samples (resource_id, measured_at, rpo_seconds, target_seconds,"
                                + " compliant) VALUES (:resource, :at, :rpo, :target, :compliant)")
                        .bind("resource", m.resourceId()).bind("at", SqlTimes.utc(m.measuredAt()))
                        .bind("rpo", m.rpoSeconds()).bind("target", m.targetSeconds()).bind("compliant", m.compliant())
                        .execute();
            }
            h.createUpdate("DELETE FROM rpo_samples WHERE measured_at < :before")
                    .bind("before", SqlTimes.utc(clock.instant().minus(RETENTION))).execute();
        });
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
