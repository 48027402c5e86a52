package io.drc.controller.db;

import io.drc.controller.core.ResourceKind;
import io.drc.controller.replication.JobClaim;
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
import org.jdbi.v3.core.statement.PreparedBatch;
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

    /**
     * Sets when each job, still awaiting its image or snapshot, is looked at again, all in one commit: only where the
     * job is as it was read (same step and version) and no daemon holds it. Returns the ids it set. The version
     * stays: a look that changed nothing else must not make another daemon's reading of the job stale.
     */
    public Set<Long> lookAgainAt(Map<ReplicationJob, Instant> next, Instant now) {
        if (next.isEmpty()) {
            return Set.of();
        }
        List<Map.Entry<ReplicationJob, Instant>> entries = List.copyOf(next.entrySet());
        int[] counts = jdbi.inTransaction(handle -> {
            PreparedBatch batch = handle.prepareBatch("""
                    UPDATE replication_jobs SET next_attempt_at = :nextAttemptAt, updated_at = :now
                    WHERE id = :id AND step = :step AND version = :version AND lease_owner IS NULL""");
            for (Map.Entry<ReplicationJob, Instant> entry : entries) {
                ReplicationJob job = entry.getKey();
                batch.bind("nextAttemptAt", SqlTimes.utc(entry.getValue())).bind("now", SqlTimes.utc(now))
                        .bind("id", job.id()).bind("step", job.step().name()).bind("version", job.version()).add();
            }
            return batch.execute();
        });
        Set<Long> set = new HashSet<>();
        for (int i = 0; i < counts.length; i++) {
            if (counts[i] == 1) {
                set.add(entries.get(i).getKey().id());
            }
        }
        return set;
    }

    /** The earliest next attempt of an active job that is not due yet: when the ticker has work again. */
    public Optional<Instant> nextAttemptAfter(Instant now) {
        return jdbi.withHandle(handle -> handle.createQuery("""
                        SELECT MIN(next_attempt_at) AS next FROM replication_jobs
                        WHERE step IN (<active>) AND next_attempt_at > :now""")
                .bindList("active", ACTIVE_STEPS).bind("now", SqlTimes.utc(now))
                .map((rs, ctx) -> Optional.ofNullable(SqlTimes.instant(rs, "next"))).one());
    }

    /**
     * Active jobs whose next attempt is due and that no live daemon holds (a dead one's, or one this node's earlier
     * run left, are free), oldest first.
     */
    public List<ReplicationJob> due(Claimant claimant, Instant now) {
        return jdbi.withHandle(handle -> claimant.bind(handle.createQuery("""
                        SELECT * FROM replication_jobs WHERE step IN (<active>) AND next_attempt_at <= :now
                            AND\s""" + Claimant.free("lease_owner") + " ORDER BY id"))
                .bindList("active", ACTIVE_STEPS)
                .bind("now", SqlTimes.utc(now))
                .map(ReplicationJobStore::toJob).list());
    }

    /** How many jobs live daemons (this one included) hold: the load a fair share is taken of. */
    public int heldByLive(Claimant claimant) {
        return jdbi.withHandle(handle -> claimant.bind(handle.createQuery(
                        "SELECT COUNT(*) FROM replication_jobs WHERE " + Claimant.held("lease_owner")))
                .mapTo(Integer.class).one());
    }

    /**
     * Claims a due job by a conditional UPDATE (WorkQueue's way): only one daemon's UPDATE matches, and only while
     * the job is still due and no live daemon holds it. Returns the claim on the job as it is now, or empty when
     * another daemon has it or has moved it on.
     *
     * @param overdueAfter how long the claim may be held before it is reported overdue ({@code replication.lease})
     */
    public Optional<JobClaim> claim(long id, Claimant claimant, Instant now, Duration overdueAfter) {
        return jdbi.withHandle(handle -> {
            int taken = claimant.bind(handle.createUpdate("""
                            UPDATE replication_jobs SET lease_owner = :claimant, lease_until = :overdueAt,
                                claimed_at = :now, claim_version = claim_version + 1
                            WHERE id = :id AND step IN (<active>) AND next_attempt_at <= :now AND\s"""
                            + Claimant.free("lease_owner")))
                    .bind("overdueAt", SqlTimes.utc(now.plus(overdueAfter))).bind("now", SqlTimes.utc(now))
                    .bind("id", id).bindList("active", ACTIVE_STEPS).execute();
            if (taken == 0) {
                return Optional.<JobClaim>empty();
            }
            return handle.createQuery("SELECT * FROM replication_jobs WHERE id = :id").bind("id", id)
                    .map((rs, ctx) -> new JobClaim(toJob(rs, ctx), rs.getString("lease_owner"),
                            rs.getLong("claim_version"))).findOne();
        });
    }

    /** Gives the job back once this daemon's step is stored; a no-op if the claim was lost meanwhile. */
    public void release(JobClaim claim) {
        jdbi.useHandle(handle -> handle.createUpdate("""
                        UPDATE replication_jobs SET lease_owner = NULL, lease_until = NULL
                        WHERE id = :id AND lease_owner = :owner AND claim_version = :version""")
                .bind("id", claim.job().id()).bind("owner", claim.owner()).bind("version", claim.version()).execute());
    }

    /**
     * Gives back every job {@code owner} still holds: called where none of its steps is in flight, so any such claim
     * was left by a give-back that failed (the store did not answer) and would otherwise stay while it lives.
     */
    public int releaseAll(String owner) {
        return jdbi.withHandle(handle -> handle.createUpdate(
                        "UPDATE replication_jobs SET lease_owner = NULL, lease_until = NULL WHERE lease_owner = :owner")
                .bind("owner", owner).execute());
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
     * Writes a step's result if this daemon still holds the job under {@code claim} and nobody changed the job since
     * it was read (its version); false means the result is dropped — the steps are idempotent, so nothing is lost.
     */
    public boolean update(ReplicationJob job, JobClaim claim, Instant now) {
        return update(job, claim, now, false);
    }

    /**
     * {@link #update}, giving the job back in the same statement (one commit, not two: commits are what an H2
     * file grows by); only while {@code claim} still holds it.
     */
    public boolean updateAndRelease(ReplicationJob job, JobClaim claim, Instant now) {
        return update(job, claim, now, true);
    }

    private boolean update(ReplicationJob job, JobClaim claim, Instant now, boolean release) {
        return jdbi.withHandle(handle -> handle.createUpdate("""
                        UPDATE replication_jobs SET step = :step, source_id = :sourceId, source_time = :sourceTime,
                            copy_id = :copyId, copy_failures = :copyFailures, attempts = :attempts,
                            next_attempt_at = :nextAttemptAt,
                            last_error = :lastError, updated_at = :now, version = version + 1"""
                        + (release ? ", lease_owner = NULL, lease_until = NULL" : "")
                        + " WHERE id = :id AND version = :version AND lease_owner = :owner AND claim_version = :claim")
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
                .bind("owner", claim.owner())
                .bind("claim", claim.version())
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
