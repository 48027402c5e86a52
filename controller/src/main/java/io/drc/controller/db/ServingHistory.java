package io.drc.controller.db;

import java.time.Instant;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/**
 * Which region serves the application, as the executions tell it: the target of the newest failover or
 * fail-back that reached its recovered mark (even if a later best-effort step failed). None yet means the
 * configured primary serves.
 */
public final class ServingHistory {
    /** The region that serves since {@code since}, moved there by {@code executionId} (a failover or fail-back). */
    public record Serving(String region, String executionId, String kind, Instant since) {}

    private final Jdbi jdbi;

    public ServingHistory(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    public Optional<Serving> latest() {
        return jdbi.withHandle(handle -> handle.createQuery("SELECT id, kind, target_region, recovered_at"
                        + " FROM executions WHERE kind IN ('failover', 'failback') AND recovered_at IS NOT NULL"
                        + " ORDER BY recovered_at DESC LIMIT 1")
                .map((rs, ctx) -> new Serving(rs.getString("target_region"), rs.getString("id"), rs.getString("kind"),
                        SqlTimes.instant(rs, "recovered_at")))
                .findOne());
    }
}
