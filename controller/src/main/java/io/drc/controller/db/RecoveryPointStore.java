package io.drc.controller.db;

import io.drc.controller.api.ObservedRecoveryPoint;
import io.drc.controller.api.RecoveryPoint;
import io.drc.controller.api.RecoveryPointState;
import io.drc.controller.core.ResourceKind;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.StatementContext;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;

/** The catalog of recovery points, one row per (region, AWS id). */
public final class RecoveryPointStore {

    private final Jdbi jdbi;
    private final Clock clock;

    public RecoveryPointStore(Jdbi jdbi, Clock clock) {
        this.jdbi = jdbi;
        this.clock = clock;
    }

    /**
     * Inserts or updates by (region, awsId); associated snapshots the observation did not learn (null) leave the
     * known ones as they are. Update-then-insert instead of MERGE or ON CONFLICT,
     * which H2 and PostgreSQL spell differently; a lost insert race is retried as an update.
     */
    public RecoveryPoint upsert(ObservedRecoveryPoint point) {
        try {
            return jdbi.inTransaction(handle -> update(handle, point) ? find(handle, point) : insert(handle, point));
        } catch (UnableToExecuteStatementException e) {
            if (!SqlErrors.uniqueViolation(e)) {
                throw e;
            }
            return jdbi.inTransaction(handle -> {
                update(handle, point);
                return find(handle, point);
            });
        }
    }

    public List<RecoveryPoint> byResourceNewestFirst(String resourceId) {
        return jdbi.withHandle(handle -> handle.createQuery("""
                        SELECT * FROM recovery_points WHERE resource_id = :resourceId
                        ORDER BY source_time DESC, id DESC""")
                .bind("resourceId", resourceId)
                .map(RecoveryPointStore::toRecoveryPoint)
                .list());
    }

    /** Only a completed point in the given (DR) region can be restored from there. */
    public Optional<RecoveryPoint> latestCompleted(String resourceId, String region) {
        return jdbi.withHandle(handle -> handle.createQuery("""
                        SELECT * FROM recovery_points
                        WHERE resource_id = :resourceId AND region = :region AND state = :state
                        ORDER BY source_time DESC, id DESC LIMIT 1""")
                .bind("resourceId", resourceId)
                .bind("region", region)
                .bind("state", RecoveryPointState.COMPLETED.name())
                .map(RecoveryPointStore::toRecoveryPoint)
                .findOne());
    }

    /** The newest completed point in the region of each of these resources (one query for a page of them). */
    public Map<String, RecoveryPoint> latestCompleted(Collection<String> resourceIds, String region) {
        Map<String, RecoveryPoint> latest = new HashMap<>();
        if (resourceIds.isEmpty()) {
            return latest;
        }
        jdbi.useHandle(handle -> handle.createQuery("""
                        SELECT * FROM recovery_points
                        WHERE resource_id IN (<ids>) AND region = :region AND state = :state""")
                .bindList("ids", List.copyOf(resourceIds))
                .bind("region", region)
                .bind("state", RecoveryPointState.COMPLETED.name())
                .map(RecoveryPointStore::toRecoveryPoint)
                .forEach(point -> latest.merge(point.resourceId(), point, RecoveryPointStore::newer)));
        return latest;
    }

    private static RecoveryPoint newer(RecoveryPoint a, RecoveryPoint b) {
        int bySourceTime = b.sourceTime().compareTo(a.sourceTime());
        return bySourceTime > 0 || bySourceTime == 0 && b.id() > a.id() ? b : a;
    }

    /** Where a page of points newest first ends: the last point's source time and id. */
    public record PagePosition(java.time.Instant sourceTime, long id) {}

    /**
     * Points not known to be deleted, newest source time first (ties: newest row first), of one resource or of all,
     * after {@code after} (null: from the newest); at most {@code limit}.
     */
    public List<RecoveryPoint> page(String resourceId, PagePosition after, int limit) {
        String sql = "SELECT * FROM recovery_points WHERE state <> :deleted"
                + (resourceId != null ? " AND resource_id = :resourceId" : "")
                + (after != null ? " AND (source_time < :afterTime OR (source_time = :afterTime AND id < :afterId))" : "")
                + " ORDER BY source_time DESC, id DESC LIMIT :limit";
        return jdbi.withHandle(handle -> {
            var query = handle.createQuery(sql).bind("deleted", RecoveryPointState.DELETED.name()).bind("limit", limit);
            if (resourceId != null) {
                query.bind("resourceId", resourceId);
            }
            if (after != null) {
                query.bind("afterTime", SqlTimes.utc(after.sourceTime())).bind("afterId", after.id());
            }
            return query.map(RecoveryPointStore::toRecoveryPoint).list();
        });
    }

    /** The newest completed point of every resource in the region, by resource id. */
    public Map<String, RecoveryPoint> latestCompletedPerResource(String region) {
        Map<String, RecoveryPoint> latest = new HashMap<>();
        for (RecoveryPoint point : live(region)) {
            if (point.state() == RecoveryPointState.COMPLETED) {
                latest.merge(point.resourceId(), point,
                        (a, b) -> b.sourceTime().isAfter(a.sourceTime()) ? b : a);
            }
        }
        return latest;
    }

    /** The region's most recently completed points, oldest of them first (what copy durations are learned from). */
    public List<RecoveryPoint> recentlyCompleted(String region, int limit) {
        List<RecoveryPoint> points = new ArrayList<>(jdbi.withHandle(handle -> handle.createQuery("""
                        SELECT * FROM recovery_points WHERE region = :region AND completed_at IS NOT NULL
                        ORDER BY completed_at DESC, id DESC LIMIT :limit""")
                .bind("region", region)
                .bind("limit", limit)
                .map(RecoveryPointStore::toRecoveryPoint)
                .list()));
        Collections.reverse(points);
        return points;
    }

    /** Every point in the region not known to be deleted. */
    public List<RecoveryPoint> live(String region) {
        return jdbi.withHandle(handle -> handle.createQuery("""
                        SELECT * FROM recovery_points WHERE region = :region AND state <> :deleted
                        ORDER BY source_time DESC, id DESC""")
                .bind("region", region)
                .bind("deleted", RecoveryPointState.DELETED.name())
                .map(RecoveryPointStore::toRecoveryPoint)
                .list());
    }

    /** One resource's points in the region not known to be deleted. */
    public List<RecoveryPoint> live(String region, String resourceId) {
        return jdbi.withHandle(handle -> handle.createQuery("""
                        SELECT * FROM recovery_points
                        WHERE resource_id = :resourceId AND region = :region AND state <> :deleted
                        ORDER BY source_time DESC, id DESC""")
                .bind("resourceId", resourceId)
                .bind("region", region)
                .bind("deleted", RecoveryPointState.DELETED.name())
                .map(RecoveryPointStore::toRecoveryPoint)
                .list());
    }

    /** Many at once: one statement, one commit. */
    public void markDeleted(String region, Collection<String> awsIds) {
        if (awsIds.isEmpty()) {
            return;
        }
        jdbi.useHandle(handle -> handle.createUpdate(
                        "UPDATE recovery_points SET state = :deleted WHERE region = :region AND aws_id IN (<ids>)")
                .bind("deleted", RecoveryPointState.DELETED.name())
                .bind("region", region)
                .bindList("ids", List.copyOf(awsIds))
                .execute());
    }

    public void markDeleted(String region, String awsId) {
        jdbi.useHandle(handle -> handle.createUpdate(
                        "UPDATE recovery_points SET state = :deleted WHERE region = :region AND aws_id = :awsId")
                .bind("deleted", RecoveryPointState.DELETED.name())
                .bind("region", region)
                .bind("awsId", awsId)
                .execute());
    }

    private static boolean update(Handle handle, ObservedRecoveryPoint point) {
        return handle.createUpdate("""
                        UPDATE recovery_points SET state = :state, completed_at = COALESCE(completed_at, :completedAt),
                            source_time = :sourceTime,
                            associated_snapshots = COALESCE(:snapshots, associated_snapshots)
                        WHERE region = :region AND aws_id = :awsId""")
                .bind("state", point.state().name())
                .bind("snapshots", joined(point.associatedSnapshots()))
                .bind("completedAt", SqlTimes.utc(point.completedAt()))
                .bind("sourceTime", SqlTimes.utc(point.sourceTime()))
                .bind("region", point.region())
                .bind("awsId", point.awsId())
                .execute() > 0;
    }

    private RecoveryPoint insert(Handle handle, ObservedRecoveryPoint point) {
        handle.createUpdate("""
                        INSERT INTO recovery_points
                            (resource_id, kind, region, source_time, completed_at, state, aws_id, created_at,
                             associated_snapshots)
                        VALUES (:resourceId, :kind, :region, :sourceTime, :completedAt, :state, :awsId, :createdAt,
                                :snapshots)""")
                .bind("resourceId", point.resourceId())
                .bind("kind", point.kind().wireName())
                .bind("region", point.region())
                .bind("sourceTime", SqlTimes.utc(point.sourceTime()))
                .bind("completedAt", SqlTimes.utc(point.completedAt()))
                .bind("state", point.state().name())
                .bind("awsId", point.awsId())
                .bind("createdAt", SqlTimes.utc(clock.instant()))
                .bind("snapshots", joined(point.associatedSnapshots()))
                .execute();
        return find(handle, point);
    }

    private static RecoveryPoint find(Handle handle, ObservedRecoveryPoint point) {
        return handle.createQuery("SELECT * FROM recovery_points WHERE region = :region AND aws_id = :awsId")
                .bind("region", point.region())
                .bind("awsId", point.awsId())
                .map(RecoveryPointStore::toRecoveryPoint)
                .one();
    }

    private static RecoveryPoint toRecoveryPoint(ResultSet rs, StatementContext ctx) throws SQLException {
        return new RecoveryPoint(rs.getLong("id"), rs.getString("resource_id"),
                ResourceKind.fromWireName(rs.getString("kind")), rs.getString("region"),
                SqlTimes.instant(rs, "source_time"), SqlTimes.instant(rs, "completed_at"),
                RecoveryPointState.valueOf(rs.getString("state")), rs.getString("aws_id"),
                SqlTimes.instant(rs, "created_at"), split(rs.getString("associated_snapshots")));
    }

    /** Snapshot ids (never containing commas) as the column holds them: '' for none, null for not known. */
    static String joined(List<String> snapshotIds) {
        return snapshotIds == null ? null : String.join(",", snapshotIds);
    }

    static List<String> split(String column) {
        return column == null ? null : column.isEmpty() ? List.of() : List.of(column.split(","));
    }
}
