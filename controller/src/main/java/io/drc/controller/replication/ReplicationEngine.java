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
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts replication jobs and advances the due ones (a tick). Each job step is one short AWS call whose result is
 * stored before the next; a restart simply resumes from the stored step.
 *
 * <p>A tick polls first and copies second: the due polls of pending sources and copies are batched per kind and
 * region (one describe for all of them, plus every other copy in flight of the same kind, so a copy done early is
 * seen too), and a copy seen complete frees its slot for a queued copy in the same tick. Polls are timed by each
 * image's or snapshot's expected completion ({@link CopyDurations}, {@link PollSchedule}), not a fixed interval.
 */
public final class ReplicationEngine {
    private static final Logger LOG = LoggerFactory.getLogger(ReplicationEngine.class);
    /** Steps a job may take in one tick without waiting; bounds a tick's work per job. */
    private static final int MAX_STEPS_PER_TICK = 6;
    /** Jobs started at once beyond which their start is logged as a count, not one line each. */
    private static final int LOG_EACH_START_UP_TO = 20;

    private final ReplicationContext context;
    private final ReplicationJobStore jobs;
    private final Map<ResourceKind, KindReplicator<?>> replicators;
    private final CatalogRecorder recorder;
    private final CopyAdmission admission;
    private final JobTransitions transitions;
    private final Timing timing;
    private final ExecutorService workers;
    private final Claiming claiming;
    private final ReplicationPause pause;
    private final Clock clock;
    private final Object cycleLock = new Object();
    private final AtomicLong droppedResults = new AtomicLong();
    /** When each awaited image or snapshot was started by this daemon (the learning's start; lost on restart). */
    private final Map<Long, Instant> awaitingSince = new ConcurrentHashMap<>();
    /** When each awaited image or snapshot was last seen still pending. */
    private final Map<Long, Instant> lastSeenPending = new ConcurrentHashMap<>();
    private volatile boolean leftOver;
    /**
     * Set by {@link #stop}: no job is claimed or stepped further. Checked rather than interrupting the tick and its
     * workers, because H2 closes its file (the whole store, for every thread) when an interrupted thread reads it.
     */
    private volatile boolean stopping;
    /** The copy groups whose queued copies waited for a slot at the last tick: their copies are polled closely. */
    private volatile Set<CopyGroup> queued = Set.of();

    /**
     * How this engine claims jobs: as {@code membership}'s daemon, whose claims hold while its heartbeat is fresh
     * (a killed daemon's jobs are taken over once it is dead); a claim held longer than {@code overdueAfter}
     * ({@code replication.lease}) is reported overdue. A tick steps this daemon's fair share of the due jobs
     * ({@link FairShare}), plus any due for longer than {@code starvingAfter}.
     */
    public record Claiming(ClusterMembership membership, Duration overdueAfter, Duration starvingAfter) {}

    /** How long sources and copies are expected to take, and when to poll them. */
    public record Timing(CopyDurations durations, PollSchedule polls) {}

    public ReplicationEngine(ReplicationContext context, ReplicationJobStore jobs, List<KindReplicator<?>> replicators,
                             CatalogRecorder recorder, CopyAdmission admission, JobTransitions transitions,
                             Timing timing, ExecutorService workers, Claiming claiming, ReplicationPause pause,
                             Clock clock) {
        this.context = context;
        this.jobs = jobs;
        this.replicators = new EnumMap<>(ResourceKind.class);
        replicators.forEach(r -> this.replicators.put(r.kind(), r));
        this.recorder = recorder;
        this.admission = admission;
        this.transitions = transitions;
        this.timing = timing;
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
        return startCycle(resourceId.map(List::of).orElseGet(() -> context.resources().stream()
                .map(r -> r.id()).toList()));
    }

    /** A cycle for these resources (one schedule's, or the ones the deadline plan starts now). */
    public List<ReplicationJob> startCycle(Collection<String> resourceIds) {
        Optional<String> paused = pause.reason();
        if (paused.isPresent()) {
            LOG.info("no replication cycle for {} resource(s): {}", resourceIds.size(), paused.get());
            return List.of();
        }
        List<ReplicationJobStore.Start> starts = resourceIds.stream().filter(context::isProtected)
                .map(context::resource).filter(r -> r.kind().hasCopies())
                .map(r -> new ReplicationJobStore.Start(r.id(), r.kind())).toList();
        // Own lock, not the tick's: "replicate now" must not wait for a long tick to end.
        List<ReplicationJob> started;
        synchronized (cycleLock) {
            started = jobs.startIdle(starts, clock.instant());
        }
        logStarts(starts, started);
        return started;
    }

    private static void logStarts(List<ReplicationJobStore.Start> asked, List<ReplicationJob> started) {
        if (started.size() <= LOG_EACH_START_UP_TO) {
            started.forEach(job -> LOG.info("replication of {} started: job {}", job.resourceId(), job.id()));
        } else {
            LOG.info("replication of {} resources started", started.size());
        }
        if (asked.size() > started.size()) {
            Set<String> startedIds = started.stream().map(ReplicationJob::resourceId).collect(Collectors.toSet());
            List<String> inFlight = asked.stream().map(ReplicationJobStore.Start::resourceId)
                    .filter(id -> !startedIds.contains(id)).toList();
            LOG.info("replication of {} still in flight; no new job", inFlight.size() <= LOG_EACH_START_UP_TO
                    ? String.join(", ", inFlight) : inFlight.size() + " resources");
        }
    }

    /**
     * At start-up: a cycle for each resource that has no completed recovery point in the DR region yet, so a
     * new installation is protected within minutes instead of at the first cron firing.
     */
    public List<ReplicationJob> startBaseline(Set<String> protectedAlready) {
        return startCycle(context.resources().stream().map(r -> r.id())
                .filter(id -> !protectedAlready.contains(id)).toList());
    }

    /**
     * Advances this daemon's share of the due jobs once (copies only as the quota admits, after this tick's polls);
     * returns how many were advanced. Each job is claimed first, so another daemon on the same database never steps
     * it at the same time.
     */
    public synchronized int tick() {
        if (stopping) {
            return 0;
        }
        ClusterMembership membership = claiming.membership();
        if (!membership.mayClaim()) {
            LOG.warn("replication tick skipped: this daemon's heartbeat is late; its jobs go to the other daemons");
            return 0;
        }
        Claimant claimant = membership.claimant();
        jobs.releaseAll(claimant.owner()); // between ticks none of this daemon's steps runs: a claim left is a leak
        Instant now = clock.instant();
        int advanced = poll(jobs.due(claimant, now), now, claimant);
        now = clock.instant();
        List<ReplicationJob> rest = jobs.due(claimant, now).stream().filter(j -> !j.step().isAwait()).toList();
        CopyAdmission.Admitted admitted = admission.runnable(rest, inFlight());
        leftOver = admitted.leftOver();
        queued = admitted.queued();
        if (stopping) {
            return advanced;
        }
        advanced += step(share(admitted.runnable(), claimant, now), List.of(), clock.instant(), claimant);
        if (!stopping) {
            // stopping: the resources' retention is applied after their next copy, as after a failed prune
            recorder.pruneCompleted();
        }
        return advanced;
    }

    /**
     * Stops stepping: a step in hand finishes and is stored (its AWS call made, its result kept), a step not yet
     * begun is left due in the store, and no tick after this one steps anything. The tick in progress still waits
     * for its steps, so once it returns no worker of this engine touches the store. Irreversible.
     */
    public void stop() {
        stopping = true;
    }

    /** Whether {@link #stop} was called. */
    public boolean stopping() {
        return stopping;
    }

    /** This daemon's fair share of {@code due} ({@link FairShare}), plus any job due longer than starvingAfter. */
    private List<ReplicationJob> share(List<ReplicationJob> due, Claimant claimant, Instant now) {
        if (due.isEmpty()) {
            return due;
        }
        int quota = FairShare.quota(due.size(), jobs.heldByLive(claimant), 0, claiming.membership().view().size(),
                due.size());
        Instant starvingBefore = now.minus(claiming.starvingAfter());
        return FairShare.pick(due, quota, due.size(), job -> job.nextAttemptAt().isBefore(starvingBefore));
    }

    /** When this engine has work again: now if the last tick left some, else the earliest next attempt, if any. */
    public Optional<Instant> nextWork() {
        Instant now = clock.instant();
        return leftOver ? Optional.of(now) : jobs.nextAttemptAfter(now);
    }

    private int poll(List<ReplicationJob> due, Instant now, Claimant claimant) {
        List<ReplicationJob> dueAwaits = share(due.stream().filter(j -> j.step().isAwait()).toList(), claimant, now);
        if (dueAwaits.isEmpty()) {
            return 0;
        }
        Set<Long> dueIds = dueAwaits.stream().map(ReplicationJob::id).collect(Collectors.toSet());
        Set<ResourceKind> copying = dueAwaits.stream().filter(j -> j.step() == JobStep.AWAIT_COPY)
                .map(ReplicationJob::kind).collect(Collectors.toSet());
        List<ReplicationJob> otherCopies = copying.isEmpty() ? List.of() : jobs.awaitingCopy().stream()
                .filter(j -> copying.contains(j.kind()) && !dueIds.contains(j.id())).toList();
        return step(dueAwaits, otherCopies, now, claimant);
    }

    private Map<CopyGroup, Integer> inFlight() {
        Map<CopyGroup, Integer> out = new EnumMap<>(CopyGroup.class);
        jobs.inFlightCopies().forEach((kind, n) -> CopyGroup.of(kind).ifPresent(g -> out.merge(g, n, Integer::sum)));
        return out;
    }

    /**
     * Looks at AWS once per kind for the runnable jobs and the {@code watched} ones (copies in flight not due yet),
     * then steps the runnable ones and any watched one the look shows done, in parallel on the workers.
     */
    private int step(List<ReplicationJob> runnable, List<ReplicationJob> watched, Instant now, Claimant claimant) {
        Map<ResourceKind, List<ReplicationJob>> byKind = group(runnable);
        Map<ResourceKind, List<ReplicationJob>> watchedByKind = group(watched);
        List<Future<Boolean>> running = new ArrayList<>();
        byKind.forEach((kind, list) -> running.addAll(submit(replicators.get(kind), list,
                watchedByKind.getOrDefault(kind, List.of()), now, claimant)));
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

    private static Map<ResourceKind, List<ReplicationJob>> group(List<ReplicationJob> list) {
        return list.stream().collect(Collectors.groupingBy(ReplicationJob::kind, LinkedHashMap::new, Collectors.toList()));
    }

    private <T> List<Future<Boolean>> submit(KindReplicator<T> replicator, List<ReplicationJob> runnable,
                                             List<ReplicationJob> watched, Instant now, Claimant claimant) {
        if (replicator == null) {
            return runnable.stream().map(job -> workers.submit(() -> claimAndAdvance(job, claimant, null,
                    Lookup.none(), null))).toList();
        }
        List<ReplicationJob> toLook = new ArrayList<>(runnable);
        toLook.addAll(watched);
        Lookup<T> looked;
        RuntimeException lookFailed = null;
        try {
            looked = replicator.look(toLook.stream().filter(j -> context.isProtected(j.resourceId())).toList());
        } catch (RuntimeException e) {
            // Every job of the batch retries as its own call would have; none asks AWS again this tick.
            LOG.warn("cannot look at {} {} job(s) in AWS: {}", toLook.size(), replicator.kind().wireName(),
                    e.getMessage());
            looked = Lookup.none();
            lookFailed = e;
        }
        List<ReplicationJob> toStep = new ArrayList<>(runnable);
        List<Future<Boolean>> lookedAgainLater = new ArrayList<>();
        if (lookFailed == null) {
            Set<Long> later = lookAgainLater(replicator, runnable, looked);
            toStep.removeIf(job -> later.contains(job.id()));
            later.forEach(id -> lookedAgainLater.add(CompletableFuture.completedFuture(true)));
            Lookup<T> seen = looked;
            List<ReplicationJob> doneEarly = watched.stream().filter(j -> replicator.isSettled(j, seen)).toList();
            jobs.makeDue(doneEarly.stream().map(ReplicationJob::id).toList(), JobStep.AWAIT_COPY, now);
            toStep.addAll(doneEarly);
        }
        Lookup<T> finalLooked = looked;
        RuntimeException failure = lookFailed;
        List<Future<Boolean>> stepped = new ArrayList<>(lookedAgainLater);
        toStep.forEach(job -> stepped.add(workers.submit(() -> claimAndAdvance(job, claimant, replicator, finalLooked,
                failure))));
        return stepped;
    }

    /**
     * Gives the due awaits the look shows still pending their next look, in one commit for the batch: stepping each
     * would claim, store and give it back (three commits), and most looks at thousands of resources find the work
     * pending. Returns the ids so handled; a job the store did not take (held or changed meanwhile) is stepped.
     */
    private <T> Set<Long> lookAgainLater(KindReplicator<T> replicator, List<ReplicationJob> due, Lookup<T> looked) {
        if (stopping) {
            return Set.of();
        }
        Instant now = clock.instant();
        Map<ReplicationJob, Instant> later = new LinkedHashMap<>();
        for (ReplicationJob job : due) {
            if (context.isProtected(job.resourceId())) {
                replicator.stillPending(job, looked).ifPresent(wait ->
                        later.put(job, transitions.apply(job, timed(job, wait, now), now).nextAttemptAt()));
            }
        }
        Set<Long> set = jobs.lookAgainAt(later, now);
        later.forEach((job, at) -> {
            if (set.contains(job.id())) {
                LOG.debug("job {} of {}: still {}, looked at again at {}", job.id(), job.resourceId(), job.step(), at);
            }
        });
        return set;
    }

    private <T> boolean claimAndAdvance(ReplicationJob job, Claimant claimant, KindReplicator<T> replicator,
                                        Lookup<T> looked, RuntimeException lookFailed) {
        if (stopping) {
            return false; // not claimed: due in the store for whichever daemon ticks next
        }
        Optional<JobClaim> claimed = jobs.claim(job.id(), claimant, clock.instant(), claiming.overdueAfter());
        if (claimed.isEmpty()) {
            LOG.debug("job {} of {} is held or was moved on by another daemon", job.id(), job.resourceId());
            return false;
        }
        boolean released = false;
        try {
            // Moved on by another daemon since it was read: its copy was not admitted against the quota here.
            if (claimed.get().job().step() != job.step()) {
                return false;
            }
            released = advance(claimed.get(), replicator, looked, lookFailed);
        } finally {
            if (!released) {
                jobs.release(claimed.get());
            }
        }
        return true;
    }

    /** Steps the job until it waits; returns whether its last update also gave the job back. */
    private <T> boolean advance(JobClaim claim, KindReplicator<T> replicator, Lookup<T> looked,
                                RuntimeException lookFailed) {
        ReplicationJob job = claim.job();
        ReplicationJob current = job;
        for (int i = 0; i < MAX_STEPS_PER_TICK; i++) {
            Instant now = clock.instant();
            StepOutcome outcome = i == 0 && lookFailed != null ? AwsErrorClassifier.classify(lookFailed)
                    : run(current, replicator, looked);
            outcome = timed(current, outcome, now);
            ReplicationJob next = firstPoll(current, transitions.apply(current, outcome, now), now);
            boolean goOn = outcome instanceof StepOutcome.Advance && next.step().isActive()
                    && next.step() != JobStep.COPY && !next.step().isAwait() && i + 1 < MAX_STEPS_PER_TICK
                    && !stopping;
            boolean stored = goOn ? jobs.update(next, claim, now) : jobs.updateAndRelease(next, claim, now);
            if (!stored) {
                droppedResults.incrementAndGet();
                claiming.membership().refused("job " + job.id() + " of " + job.resourceId() + ": " + current.step()
                        + " -> " + next.step() + " not stored: another daemon took the job over or changed it");
                return false;
            }
            learn(current, next, outcome, now);
            recorder.record(current, next, outcome);
            log(current, next, outcome);
            if (!goOn) {
                return true;
            }
            current = next.stored(now);
        }
        return false;
    }

    private <T> StepOutcome run(ReplicationJob job, KindReplicator<T> replicator, Lookup<T> looked) {
        if (!context.isProtected(job.resourceId()) || replicator == null) {
            return new StepOutcome.Fail("'" + job.resourceId() + "' is no longer a protected " + job.kind().wireName()
                    + " in the configuration");
        }
        try {
            return replicator.advance(job, looked);
        } catch (Exception e) {
            return AwsErrorClassifier.classify(e);
        }
    }

    private static CopyDurations.Phase phase(JobStep step) {
        return step == JobStep.AWAIT_SOURCE ? CopyDurations.Phase.SOURCE : CopyDurations.Phase.COPY;
    }

    /** A pending image or snapshot is looked at again when it is expected done, then more often. */
    private StepOutcome timed(ReplicationJob job, StepOutcome outcome, Instant now) {
        if (!(outcome instanceof StepOutcome.Wait wait) || !job.step().isAwait()) {
            return outcome;
        }
        lastSeenPending.put(job.id(), now);
        Instant since = awaitingSince.getOrDefault(job.id(), wait.startedAt());
        Duration expected = timing.durations().expected(job.kind(), phase(job.step()), job.resourceId());
        boolean slotWanted = job.step() == JobStep.AWAIT_COPY
                && CopyGroup.of(job.kind()).map(queued::contains).orElse(false);
        return wait.until(timing.polls().next(now, since, expected, slotWanted));
    }

    /** Entering an await step: the first look is when the work is expected done, not at once. */
    private ReplicationJob firstPoll(ReplicationJob before, ReplicationJob next, Instant now) {
        if (!next.step().isAwait() || next.step() == before.step()) {
            return next;
        }
        Duration expected = timing.durations().expected(next.kind(), phase(next.step()), next.resourceId());
        return next.withAttempt(next.attempts(), now.plus(expected), next.lastError());
    }

    private void learn(ReplicationJob before, ReplicationJob after, StepOutcome outcome, Instant now) {
        if (after.step().isAwait() && after.step() != before.step()) {
            awaitingSince.put(after.id(), now);
            lastSeenPending.remove(after.id());
            return;
        }
        if (!before.step().isAwait() || after.step() == before.step()) {
            return;
        }
        Instant since = awaitingSince.remove(before.id());
        Instant pending = lastSeenPending.remove(before.id());
        if (outcome instanceof StepOutcome.Advance advance) {
            since = since != null ? since : advance.awaitedSince();
            if (since != null && now.isAfter(since)) {
                timing.durations().observed(before.kind(), phase(before.step()), before.resourceId(),
                        Duration.between(since, now), pending == null || !pending.isAfter(since) ? null
                                : Duration.between(since, pending));
            }
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

    /** What this engine has learned of source and copy durations. */
    public CopyDurations durations() {
        return timing.durations();
    }
}
