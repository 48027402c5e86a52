package io.drc.controller.db;

import io.drc.controller.core.ResourceKind;
import io.drc.controller.replication.JobStep;
import io.drc.controller.replication.ReplicationJob;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.StatementContext;

/** The {@code replication_jobs} table: the persisted state machines that survive a restart. */
public final class ReplicationJobStore {
    private static final List<String> ACTIVE_STEPS = Arrays.stream(JobStep.values())
            .filter(JobStep::isActive).map(Enum::name).toList();

    private final Jdbi jdbi;

    public ReplicationJobStore(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /**
     * Starts a job for the resource unless one is still active: a cycle that fires while the last one is
     * copying does not start a second copy. Starts take turns on the {@code replication_admission} row (as
     * execution starts do on {@code execution_admission}), so two daemons cannot both start one.
     */
    public Optional<ReplicationJob> startIfIdle(String resourceId, ResourceKind kind, Instant now) {
        return jdbi.inTransaction(handle -> {
            handle.createUpdate("UPDATE replication_admission SET last_job = last_job WHERE id = 1")
                    .execute(); // starts take turns from here to commit
            if (activeFor(handle, resourceId).isPresent()) {
                return Optional.empty();
            }
            long id = handle.createUpdate("""
                            INSERT INTO replication_jobs (resource_id, kind, step, attempts, next_attempt_at,
                                created_at, updated_at, version)
                            VALUES (:resourceId, :kind, :step, 0, :now, :now, :now, 0)""")
                    .bind("resourceId", resourceId)
                    .bind("kind", kind.wireName())
                    .bind("step", JobStep.CREATE_SOURCE.name())
                    .bind("now", SqlTimes.utc(now))
                    .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
            return Optional.of(byId(handle, id));
        });
    }

    /** Active jobs whose next attempt is due and that no daemon holds (or whose lease expired), oldest first. */
    public List<ReplicationJob> due(Instant now) {
        return jdbi.withHandle(handle -> handle.createQuery("""
                        SELECT * FROM replication_jobs WHERE step IN (<active>) AND next_attempt_at <= :now
                            AND (lease_until IS NULL OR lease_until < :now)
                        ORDER BY id""")
                .bindList("active", ACTIVE_STEPS)
                .bind("now", SqlTimes.utc(now))
                .map(ReplicationJobStore::toJob).list());
    }

    /**
     * Leases a due job to {@code owner} by a conditional UPDATE (WorkQueue's way): only one daemon's UPDATE
     * matches, and only while the job is still due and unleased or its lease expired. Returns the job as it is
     * now, or empty when another daemon has it or has moved it on.
     */
    public Optional<ReplicationJob> claim(long id, String owner, Instant now, Duration lease) {
        return jdbi.withHandle(handle -> {
            int taken = handle.createUpdate("""
                            UPDATE replication_jobs SET lease_owner = :owner, lease_until = :until
                            WHERE id = :id AND step IN (<active>) AND next_attempt_at <= :now
                                AND (lease_until IS NULL OR lease_until < :now)""")
                    .bind("owner", owner).bind("until", SqlTimes.utc(now.plus(lease)))
                    .bind("id", id).bind("now", SqlTimes.utc(now))
                    .bindList("active", ACTIVE_STEPS).execute();
            return taken == 1 ? Optional.of(byId(handle, id)) : Optional.<ReplicationJob>empty();
        });
    }

    /** Gives the job back once this daemon's step is stored; a no-op if the lease expired and was taken. */
    public void release(long id, String owner) {
        jdbi.useHandle(handle -> handle.createUpdate("""
                        UPDATE replication_jobs SET lease_owner = NULL, lease_until = NULL
                        WHERE id = :id AND lease_owner = :owner""")
                .bind("id", id).bind("owner", owner).execute());
    }

    public List<ReplicationJob> active() {
        return jdbi.withHandle(handle -> handle.createQuery(
                        "SELECT * FROM replication_jobs WHERE step IN (<active>) ORDER BY id")
                .bindList("active", ACTIVE_STEPS)
                .map(ReplicationJobStore::toJob).list());
    }

    public Optional<ReplicationJob> activeFor(String resourceId) {
        return jdbi.withHandle(handle -> handle.createQuery(
                        "SELECT * FROM replication_jobs WHERE resource_id = :resourceId AND step IN (<active>)")
                .bind("resourceId", resourceId)
                .bindList("active", ACTIVE_STEPS)
                .map(ReplicationJobStore::toJob).findFirst());
    }

    /** The newest job of every resource: where its last error, if any, is recorded. */
    public List<ReplicationJob> latestPerResource() {
        return jdbi.withHandle(handle -> handle.createQuery("""
                        SELECT * FROM replication_jobs j WHERE j.id =
                            (SELECT MAX(id) FROM replication_jobs k WHERE k.resource_id = j.resource_id)""")
                .map(ReplicationJobStore::toJob).list());
    }

    public List<ReplicationJob> byResource(String resourceId) {
        return jdbi.withHandle(handle -> handle.createQuery(
                        "SELECT * FROM replication_jobs WHERE resource_id = :resourceId ORDER BY id")
                .bind("resourceId", resourceId)
                .map(ReplicationJobStore::toJob).list());
    }

    /**
     * Writes the job if nobody else changed it since it was read (its version); false means another worker
     * won and this result is dropped; the steps are idempotent, so nothing is lost.
     */
    public boolean update(ReplicationJob job, Instant now) {
        return jdbi.withHandle(handle -> handle.createUpdate("""
                        UPDATE replication_jobs SET step = :step, source_id = :sourceId, source_time = :sourceTime,
                            copy_id = :copyId, copy_failures = :copyFailures, attempts = :attempts,
                            next_attempt_at = :nextAttemptAt,
                            last_error = :lastError, updated_at = :now, version = version + 1
                        WHERE id = :id AND version = :version""")
                .bind("step", job.step().name())
                .bind("sourceId", job.sourceId())
                .bind("sourceTime", SqlTimes.utc(job.sourceTime()))
                .bind("copyId", job.copyId())
                .bind("copyFailures", job.copyFailures())
                .bind("attempts", job.attempts())
                .bind("nextAttemptAt", SqlTimes.utc(job.nextAttemptAt()))
                .bind("lastError", job.lastError())
                .bind("now", SqlTimes.utc(now))
                .bind("id", job.id())
                .bind("version", job.version())
                .execute() == 1);
    }

    private static Optional<ReplicationJob> activeFor(Handle handle, String resourceId) {
        return handle.createQuery("""
                        SELECT * FROM replication_jobs WHERE resource_id = :resourceId AND step IN (<active>)
                        FOR UPDATE""")
                .bind("resourceId", resourceId)
                .bindList("active", ACTIVE_STEPS)
                .map(ReplicationJobStore::toJob).findFirst();
    }

    private static ReplicationJob byId(Handle handle, long id) {
        return handle.createQuery("SELECT * FROM replication_jobs WHERE id = :id").bind("id", id)
                .map(ReplicationJobStore::toJob).one();
    }

    private static ReplicationJob toJob(ResultSet rs, StatementContext ctx) throws SQLException {
        return new ReplicationJob(rs.getLong("id"), rs.getString("resource_id"),
                ResourceKind.fromWireName(rs.getString("kind")), JobStep.valueOf(rs.getString("step")),
                rs.getString("source_id"), SqlTimes.instant(rs, "source_time"), rs.getString("copy_id"),
                rs.getInt("copy_failures"), rs.getInt("attempts"), SqlTimes.instant(rs, "next_attempt_at"),
                rs.getString("last_error"),
                SqlTimes.instant(rs, "created_at"), SqlTimes.instant(rs, "updated_at"), rs.getInt("version"));
    }
}
