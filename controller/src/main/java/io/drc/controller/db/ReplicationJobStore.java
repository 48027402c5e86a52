package io.drc.controller.db;

import io.drc.controller.core.ResourceKind;
import io.drc.controller.replication.JobStep;
import io.drc.controller.replication.ReplicationJob;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
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

    /** A job to start: the resource and its kind. */
    public record Start(String resourceId, ResourceKind kind) {}

    /**
     * Starts a job for each resource that has none active, in one transaction (a cron firing over thousands of
     * resources is one commit, not thousands). Takes its turn on the {@code replication_admission} row like
     * {@link #startIfIdle}. Returns the jobs started.
     */
    public List<ReplicationJob> startIdle(List<Start> starts, Instant now) {
        if (starts.isEmpty()) {
            return List.of();
        }
        return jdbi.inTransaction(handle -> {
            handle.createUpdate("UPDATE replication_admission SET last_job = last_job WHERE id = 1").execute();
            Set<String> busy = new HashSet<>(handle.createQuery(
                            "SELECT resource_id FROM replication_jobs WHERE step IN (<active>)")
                    .bindList("active", ACTIVE_STEPS).mapTo(String.class).list());
            List<ReplicationJob> started = new ArrayList<>();
            for (Start start : starts) {
                if (!busy.add(start.resourceId())) {
                    continue;
                }
                long id = handle.createUpdate("""
                                INSERT INTO replication_jobs (resource_id, kind, step, attempts, next_attempt_at,
                                    created_at, updated_at, version)
                                VALUES (:resourceId, :kind, :step, 0, :now, :now, :now, 0)""")
                        .bind("resourceId", start.resourceId())
                        .bind("kind", start.kind().wireName())
                        .bind("step", JobStep.CREATE_SOURCE.name())
                        .bind("now", SqlTimes.utc(now))
                        .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
                started.add(new ReplicationJob(id, start.resourceId(), start.kind(), JobStep.CREATE_SOURCE, null, null,
                        null, 0, 0, now, null, now, now, 0));
            }
            return started;
        });
    }

    /** Copies in flight per kind: the jobs awaiting their copy in the DR region. */
    public Map<ResourceKind, Integer> inFlightCopies() {
        Map<ResourceKind, Integer> out = new EnumMap<>(ResourceKind.class);
        jdbi.useHandle(handle -> handle.createQuery(
                        "SELECT kind, COUNT(*) AS n FROM replication_jobs WHERE step = :step GROUP BY kind")
                .bind("step", JobStep.AWAIT_COPY.name())
                .map((rs, ctx) -> Map.entry(ResourceKind.fromWireName(rs.getString("kind")), rs.getInt("n")))
                .forEach(e -> out.put(e.getKey(), e.getValue())));
        return out;
    }

    /** Every job awaiting its copy (at most the copy quotas' worth). */
    public List<ReplicationJob> awaitingCopy() {
        return jdbi.withHandle(handle -> handle.createQuery(
                        "SELECT * FROM replication_jobs WHERE step = :step ORDER BY id")
                .bind("step", JobStep.AWAIT_COPY.name())
                .map(ReplicationJobStore::toJob).list());
    }

    /**
     * Makes these jobs due now if they still await the same step and are not held: a poll made for other copies
     * saw theirs done before their own poll time. Their version is left alone (nothing about them changed).
     */
    public void makeDue(Collection<Long> ids, JobStep step, Instant now) {
        if (ids.isEmpty()) {
            return;
        }
        jdbi.useHandle(handle -> handle.createUpdate("""
                        UPDATE replication_jobs SET next_attempt_at = :now
                        WHERE id IN (<ids>) AND step = :step AND next_attempt_at > :now AND lease_until IS NULL""")
                .bindList("ids", List.copyOf(ids)).bind("step", step.name()).bind("now", SqlTimes.utc(now))
                .execute());
    }

    /** The earliest next attempt of an active job that is not due yet: when the ticker has work again. */
    public Optional<Instant> nextAttemptAfter(Instant now) {
        return jdbi.withHandle(handle -> handle.createQuery("""
                        SELECT MIN(next_attempt_at) AS next FROM replication_jobs
                        WHERE step IN (<active>) AND next_attempt_at > :now""")
                .bindList("active", ACTIVE_STEPS).bind("now", SqlTimes.utc(now))
                .map((rs, ctx) -> Optional.ofNullable(SqlTimes.instant(rs, "next"))).one());
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
        return update(job, now, null);
    }

    /**
     * {@link #update}, giving the job back in the same statement (one commit, not two: commits are what an H2
     * file grows by); only while {@code owner} still holds it.
     */
    public boolean updateAndRelease(ReplicationJob job, Instant now, String owner) {
        return update(job, now, owner);
    }

    private boolean update(ReplicationJob job, Instant now, String releasingOwner) {
        String release = releasingOwner == null ? ""
                : ", lease_owner = NULL, lease_until = NULL";
        String held = releasingOwner == null ? "" : " AND (lease_owner IS NULL OR lease_owner = :owner)";
        return jdbi.withHandle(handle -> {
            var update = handle.createUpdate("""
                            UPDATE replication_jobs SET step = :step, source_id = :sourceId, source_time = :sourceTime,
                                copy_id = :copyId, copy_failures = :copyFailures, attempts = :attempts,
                                next_attempt_at = :nextAttemptAt,
                                last_error = :lastError, updated_at = :now, version = version + 1"""
                            + release + " WHERE id = :id AND version = :version" + held)
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
                    .bind("version", job.version());
            if (releasingOwner != null) {
                update.bind("owner", releasingOwner);
            }
            return update.execute() == 1;
        });
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
