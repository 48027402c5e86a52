package io.drc.controller.replication;

import io.drc.controller.cluster.ClusterMembership;
import io.drc.controller.cluster.FairShare;
import io.drc.controller.core.ResourceKind;
import io.drc.controller.db.Claimant;
import io.drc.controller.db.ReplicationJobStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts replication jobs (a cycle) and advances the due ones (a tick). Each job step is one short AWS call
 * whose result is stored before the next; a restart simply resumes from the stored step.
 */
public final class ReplicationEngine {
    private static final Logger LOG = LoggerFactory.getLogger(ReplicationEngine.class);
    /** Steps a job may take in one tick without waiting; bounds a tick's work per job. */
    private static final int MAX_STEPS_PER_TICK = 6;

    private final ReplicationContext context;
    private final ReplicationJobStore jobs;
    private final Map<ResourceKind, KindReplicator> replicators;
    private final CatalogRecorder recorder;
    private final CopyAdmission admission;
    private final JobTransitions transitions;
    private final ExecutorService workers;
    private final Claiming claiming;
    private final ReplicationPause pause;
    private final Clock clock;
    private final Object cycleLock = new Object();
    private final AtomicLong droppedResults = new AtomicLong();

    /**
     * How this engine claims jobs: as {@code membership}'s daemon, whose claims hold while its heartbeat is fresh
     * (a killed daemon's jobs are taken over once it is dead); a claim held longer than {@code overdueAfter}
     * ({@code replication.lease}) is reported overdue. A tick steps this daemon's fair share of the due jobs
     * ({@link FairShare}), plus any due for longer than {@code starvingAfter}.
     */
    public record Claiming(ClusterMembership membership, Duration overdueAfter, Duration starvingAfter) {}

    public ReplicationEngine(ReplicationContext context, ReplicationJobStore jobs, List<KindReplicator> replicators,
                             CatalogRecorder recorder, CopyAdmission admission, JobTransitions transitions,
                             ExecutorService workers, Claiming claiming, ReplicationPause pause, Clock clock) {
        this.context = context;
        this.jobs = jobs;
        this.replicators = new EnumMap<>(ResourceKind.class);
        replicators.forEach(r -> this.replicators.put(r.kind(), r));
        this.recorder = recorder;
        this.admission = admission;
        this.transitions = transitions;
        this.workers = workers;
        this.claiming = claiming;
        this.pause = pause;
        this.clock = clock;
    }

    /**
     * A cycle: one new job per resource that has copies and no job in flight. Returns the jobs started: none
     * while the application serves from the DR region (see {@link ReplicationPause}).
     */
    public List<ReplicationJob> startCycle(Optional<String> resourceId) {
        Optional<String> paused = pause.reason();
        if (paused.isPresent()) {
            LOG.info("no replication cycle for {}: {}", resourceId.orElse("all resources"), paused.get());
            return List.of();
        }
        // Own lock, not the tick's: "replicate now" must not wait for a long tick to end.
        synchronized (cycleLock) {
            return startCycleLocked(resourceId);
        }
    }

    private List<ReplicationJob> startCycleLocked(Optional<String> resourceId) {
        List<ReplicationJob> started = new ArrayList<>();
        for (var resource : context.resources()) {
            if (resourceId.isPresent() && !resourceId.get().equals(resource.id()) || !resource.kind().hasCopies()) {
                continue;
            }
            jobs.startIfIdle(resource.id(), resource.kind(), clock.instant()).ifPresentOrElse(job -> {
                LOG.info("replication of {} started: job {}", resource.id(), job.id());
                started.add(job);
            }, () -> LOG.info("replication of {} is still in flight; no new job", resource.id()));
        }
        return started;
    }

    /**
     * At start-up: a cycle for each resource that has no completed recovery point in the DR region yet, so a
     * new installation is protected within minutes instead of at the first cron firing.
     */
    public List<ReplicationJob> startBaseline(Set<String> protectedAlready) {
        List<ReplicationJob> started = new ArrayList<>();
        for (var resource : context.resources()) {
            if (!protectedAlready.contains(resource.id())) {
                started.addAll(startCycle(Optional.of(resource.id())));
            }
        }
        return started;
    }

    /**
     * Advances this daemon's share of the due jobs once (copies only as the quota admits); returns how many were
     * advanced. Each job is claimed first, so another daemon on the same database never steps it at the same time.
     */
    public synchronized int tick() {
        ClusterMembership membership = claiming.membership();
        if (!membership.mayClaim()) {
            LOG.warn("replication tick skipped: this daemon's heartbeat is late; its jobs go to the other daemons");
            return 0;
        }
        Claimant claimant = membership.claimant();
        jobs.releaseAll(claimant.owner()); // between ticks none of this daemon's steps runs: a claim left is a leak
        Instant now = clock.instant();
        List<ReplicationJob> due = jobs.due(claimant, now);
        if (due.isEmpty()) {
            return 0;
        }
        List<ReplicationJob> runnable = admission.runnable(due, jobs.active(), now);
        int quota = FairShare.quota(runnable.size(), jobs.heldByLive(claimant), 0, membership.view().size(),
                runnable.size());
        Instant starvingBefore = now.minus(claiming.starvingAfter());
        List<ReplicationJob> mine = FairShare.pick(runnable, quota, runnable.size(),
                job -> job.nextAttemptAt().isBefore(starvingBefore));
        List<Future<Boolean>> running = new ArrayList<>();
        mine.forEach(job -> running.add(workers.submit(() -> claimAndAdvance(job, claimant))));
        int advanced = 0;
        for (Future<Boolean> future : running) {
            try {
                advanced += future.get() ? 1 : 0;
            } catch (ExecutionException e) {
                LOG.error("replication worker failed unexpectedly", e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return advanced;
    }

    private boolean claimAndAdvance(ReplicationJob job, Claimant claimant) {
        Optional<JobClaim> claimed = jobs.claim(job.id(), claimant, clock.instant(), claiming.overdueAfter());
        if (claimed.isEmpty()) {
            LOG.debug("job {} of {} is held or was moved on by another daemon", job.id(), job.resourceId());
            return false;
        }
        try {
            // Moved on by another daemon since it was read: its copy was not admitted against the quota here.
            if (claimed.get().job().step() != job.step()) {
                return false;
            }
            advance(claimed.get());
        } finally {
            jobs.release(claimed.get());
        }
        return true;
    }

    private void advance(JobClaim claim) {
        ReplicationJob job = claim.job();
        ReplicationJob current = job;
        for (int i = 0; i < MAX_STEPS_PER_TICK; i++) {
            StepOutcome outcome = run(current);
            ReplicationJob next = transitions.apply(current, outcome, clock.instant());
            if (!jobs.update(next, claim, clock.instant())) {
                droppedResults.incrementAndGet();
                claiming.membership().refused("job " + job.id() + " of " + job.resourceId() + ": " + current.step()
                        + " -> " + next.step() + " not stored: another daemon took the job over or changed it");
                return;
            }
            recorder.record(current, next);
            log(current, next, outcome);
            boolean goOn = outcome instanceof StepOutcome.Advance && next.step().isActive()
                    && next.step() != JobStep.COPY;
            if (!goOn) {
                return;
            }
            current = next.stored(clock.instant());
        }
    }

    private StepOutcome run(ReplicationJob job) {
        KindReplicator replicator = replicators.get(job.kind());
        if (!context.isProtected(job.resourceId()) || replicator == null) {
            return new StepOutcome.Fail("'" + job.resourceId() + "' is no longer a protected " + job.kind().wireName()
                    + " in the configuration");
        }
        try {
            return replicator.advance(job);
        } catch (Exception e) {
            return AwsErrorClassifier.classify(e);
        }
    }

    private static void log(ReplicationJob before, ReplicationJob after, StepOutcome outcome) {
        if (outcome instanceof StepOutcome.Advance) {
            LOG.info("job {} of {}: {} -> {}", after.id(), after.resourceId(), before.step(), after.step());
        } else if (outcome instanceof StepOutcome.Retry r) {
            LOG.warn("job {} of {}: {} will be retried at {} (attempt {}): {}", after.id(), after.resourceId(),
                    before.step(), after.nextAttemptAt(), after.attempts(), r.error());
        } else if (outcome instanceof StepOutcome.CopyFailed c && after.step() == JobStep.COPY) {
            LOG.warn("job {} of {}: copy {} of {} failed; copying again at {}: {}", after.id(), after.resourceId(),
                    before.copyId(), before.sourceId(), after.nextAttemptAt(), c.error());
        } else if (after.step() == JobStep.FAILED) {
            LOG.error("job {} of {} failed in {}: {}", after.id(), after.resourceId(), before.step(), after.lastError());
        } else {
            LOG.debug("job {} of {}: still {}", after.id(), after.resourceId(), after.step());
        }
    }

    /**
     * Step results thrown away because the job had changed underneath (another worker or daemon stepped it):
     * with leases this stays 0; a non-zero value means a step ran twice.
     */
    public long droppedResults() {
        return droppedResults.get();
    }

    /** Why no cycle starts now, if none does. */
    public Optional<String> pausedReason() {
        return pause.reason();
    }

    /** The job table this engine works on (status, tests, the benchmark). */
    public ReplicationJobStore jobs() {
        return jobs;
    }
}
