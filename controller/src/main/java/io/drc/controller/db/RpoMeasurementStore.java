package io.drc.controller.db;

import io.drc.controller.replication.RpoMeasurement;
import java.util.List;
import org.jdbi.v3.core.Jdbi;

/**
 * {@code rpo_measurements} (V7.1): the RPO of each resource as last measured by whichever daemon took the measuring
 * interval, so every daemon's status and gauges show the same numbers without each measuring (and calling
 * CloudWatch) itself.
 */
public final class RpoMeasurementStore {
    private final Jdbi jdbi;

    public RpoMeasurementStore(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    public void save(List<RpoMeasurement> measurements, String measuredBy) {
        jdbi.useTransaction(handle -> {
            for (RpoMeasurement m : measurements) {
                int updated = handle.createUpdate("""
                                UPDATE rpo_measurements SET rpo_seconds = :rpo, target_seconds = :target,
                                    compliant = :compliant, reason = :reason, measured_at = :at, measured_by = :by
                                WHERE resource_id = :id""")
                        .bind("rpo", m.rpoSeconds()).bind("target", m.targetSeconds()).bind("compliant", m.compliant())
                        .bind("reason", m.reason()).bind("at", SqlTimes.utc(m.measuredAt())).bind("by", measuredBy)
                        .bind("id", m.resourceId()).execute();
                if (updated == 0) {
                    handle.createUpdate("""
                                    INSERT INTO rpo_measurements (resource_id, rpo_seconds, target_seconds, compliant,
                                        reason, measured_at, measured_by)
                                    VALUES (:id, :rpo, :target, :compliant, :reason, :at, :by)""")
                            .bind("rpo", m.rpoSeconds()).bind("target", m.targetSeconds())
                            .bind("compliant", m.compliant()).bind("reason", m.reason())
                            .bind("at", SqlTimes.utc(m.measuredAt())).bind("by", measuredBy)
                            .bind("id", m.resourceId()).execute();
                }
            }
        });
    }

    public List<RpoMeasurement> all() {
        return jdbi.withHandle(handle -> handle.createQuery("SELECT * FROM rpo_measurements ORDER BY resource_id")
                .map((rs, ctx) -> {
                    double rpo = rs.getDouble("rpo_seconds");
                    Double rpoSeconds = rs.wasNull() ? null : rpo;
                    return new RpoMeasurement(rs.getString("resource_id"), rpoSeconds, rs.getInt("target_seconds"),
                            rs.getBoolean("compliant"), rs.getString("reason"), SqlTimes.instant(rs, "measured_at"));
                }).list());
    }
}
