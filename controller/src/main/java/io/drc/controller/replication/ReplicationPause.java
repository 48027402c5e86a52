package io.drc.controller.replication;

import io.drc.controller.db.ServingHistory;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Replication copies the primary's resources into the DR region. Once a failover has moved the application to
 * DR, new copies of the failed primary would protect data nobody serves, and an RPO measured from them would
 * say the application is protected when it is not. So no new replication cycle starts until a fail-back
 * brings the application home; jobs already in flight finish (their sources predate the failover).
 */
public final class ReplicationPause {
    private final Supplier<Optional<ServingHistory.Serving>> serving;
    private final String drRegion;

    public ReplicationPause(Supplier<Optional<ServingHistory.Serving>> serving, String drRegion) {
        this.serving = serving;
        this.drRegion = drRegion;
    }

    /** Why replication is paused, for logs, status and the API; empty while the primary serves. */
    public Optional<String> reason() {
        return serving.get().filter(s -> s.region().equals(drRegion)).map(ReplicationPause::explain);
    }

    private static String explain(ServingHistory.Serving s) {
        return "replication paused: the application has served from " + s.region() + " since " + s.since()
                + " (" + s.kind() + " " + s.executionId() + "); copies of the old primary would not protect the"
                + " serving data. It resumes when a fail-back brings the application home";
    }
}
