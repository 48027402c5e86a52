package io.drc.controller.replication;

import io.drc.controller.api.RecoveryPoint;
import io.drc.controller.api.RecoveryPointState;
import io.drc.controller.db.RecoveryPointStore;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The newest completed recovery point in the DR region of every resource, in memory: what the copy queue, the
 * deadline planner and the status read many times a second. Loaded from the catalog, updated as copies complete
 * here, and reloaded after each reconciliation and measurement (which also brings in another daemon's copies).
 */
public final class NewestRecoveryPoints {
    private final RecoveryPointStore catalog;
    private final String drRegion;
    private final Map<String, RecoveryPoint> newest = new ConcurrentHashMap<>();

    public NewestRecoveryPoints(RecoveryPointStore catalog, String drRegion) {
        this.catalog = catalog;
        this.drRegion = drRegion;
        reload();
    }

    public void reload() {
        Map<String, RecoveryPoint> fresh = catalog.latestCompletedPerResource(drRegion);
        newest.keySet().retainAll(fresh.keySet());
        newest.putAll(fresh);
    }

    /** A point just written to the catalog: kept if it is a completed DR point newer than the one known. */
    public void offer(RecoveryPoint point) {
        if (point.state() == RecoveryPointState.COMPLETED && drRegion.equals(point.region())) {
            newest.merge(point.resourceId(), point, (a, b) -> b.sourceTime().isAfter(a.sourceTime()) ? b : a);
        }
    }

    public Optional<RecoveryPoint> of(String resourceId) {
        return Optional.ofNullable(newest.get(resourceId));
    }

    public Map<String, RecoveryPoint> all() {
        return Map.copyOf(newest);
    }
}
