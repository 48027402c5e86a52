package io.drc.controller.engine;

import io.drc.controller.cluster.ClusterMembership;
import io.drc.controller.cluster.FairShare;
import io.drc.controller.db.Claimant;
import io.drc.controller.db.WorkQueue;
import io.dropwizard.lifecycle.Managed;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs due work: every {@code pollInterval} it claims its fair share of the due items (see {@link FairShare}) for its
 * free workers and processes them. No thread waits for AWS or for time: Wait states, retry intervals and polls of
 * running steps are due work items. Claims follow liveness ({@link ClusterMembership}): a step stays with this daemon
 * as long as its heartbeat is fresh, however slow the step; work of a dead daemon, or of this node's previous run,
 * is free at once — so a restarted daemon simply resumes its executions.
 */
public final class ExecutionRunner implements Managed {
    private static final Logger LOG = LoggerFactory.getLogger(ExecutionRunner.class);
    private static final Duration RTO_SWEEP = Duration.ofMinutes(1);
    /** An item whose processing threw is given back and due again this much later (by whichever daemon). */
    private static final Duration AFTER_ERROR = Duration.ofSeconds(10);
    /** Free work left due this long is taken by any daemon with an idle worker, beyond its share. */
    private static final Duration STARVING_AFTER_AT_LEAST = Duration.ofSeconds(3);

    /**
     * How the runner paces itself.
     *
     * @param lease how long a step may hold its claim before it is reported overdue ({@code engine.lease}); the
     *              claim itself lasts while this daemon is alive
     */
    public record Settings(Duration pollInterval, Duration lease, int workers) {
        /** Free work due for longer than this is anybody's: three polls, at least 3 s. */
        Duration starvingAfter() {
            Duration three = pollInterval.multipliedBy(3);
            return three.compareTo(STARVING_AFTER_AT_LEAST) > 0 ? three : STARVING_AFTER_AT_LEAST;
        }
    }

    private final WorkQueue queue;
    private final WorkItemProcessor processor;
    private final ClusterMembership membership;
    private final Clock clock;
    private final Settings settings;
    private final AtomicInteger inFlight = new AtomicInteger();
    /** Claims that could not be given back after an error (the store did not answer): retried each tick. */
    private final Queue<WorkClaim> toGiveBack = new ConcurrentLinkedQueue<>();
    private ScheduledExecutorService ticker;
    private ScheduledExecutorService sweeper;
    private ExecutorService workers;

    public ExecutionRunner(WorkQueue queue, WorkItemProcessor processor, ClusterMembership membership, Clock clock,
                           Settings settings) {
        this.queue = queue;
        this.processor = processor;
        this.membership = membership;
        this.clock = clock;
        this.settings = settings;
    }

    @Override
    public void start() {
        workers = Executors.newFixedThreadPool(settings.workers(), named("drc-runner-worker"));
        ticker = Executors.newSingleThreadScheduledExecutor(named("drc-runner"));
        ticker.scheduleWithFixedDelay(this::tick, 0, settings.pollInterval().toMillis(), TimeUnit.MILLISECONDS);
        // a daemon killed right after a recovered mark, or a CloudWatch that did not answer, left an RTO
        // unpublished; on its own thread, so a CloudWatch that hangs never holds up the claiming of steps
        sweeper = Executors.newSingleThreadScheduledExecutor(named("drc-rto-sweep"));
        sweeper.scheduleWithFixedDelay(processor::publishPending, 0, RTO_SWEEP.toMillis(), TimeUnit.MILLISECONDS);
        LOG.info("execution runner of {} started: {} workers, polling every {}", membership.owner(),
                settings.workers(), settings.pollInterval());
    }

    /** Finishes the items in hand (their outcomes are stored), then stops; unclaimed work waits in the store. */
    @Override
    public void stop() throws InterruptedException {
        // a publish in hand must not outlive the store's pool, which Dropwizard closes after this; nothing here is
        // interrupted: H2 closes the whole store when an interrupted thread reads its file
        sweeper.shutdown();
        sweeper.awaitTermination(30, TimeUnit.SECONDS);
        ticker.shutdown();
        ticker.awaitTermination(30, TimeUnit.SECONDS);
        workers.shutdown();
        if (!workers.awaitTermination(60, TimeUnit.SECONDS)) {
            LOG.warn("execution runner of {}: steps still running at shutdown; they are free to the other daemons "
                    + "once this one has left", membership.owner());
        }
    }

    void tick() {
        try {
            giveBackLeftovers();
            int idle = settings.workers() - inFlight.get();
            if (idle <= 0 || !membership.mayClaim()) {
                return;
            }
            Instant now = clock.instant();
            Claimant claimant = membership.claimant();
            WorkQueue.Due due = queue.due(claimant, now);
            int quota = FairShare.quota(due.claimable().size(), due.heldByLive(), inFlight.get(),
                    membership.view().size(), idle);
            Instant starvingBefore = now.minus(settings.starvingAfter());
            List<WorkQueue.Candidate> picked = FairShare.pick(due.claimable(), quota, idle,
                    c -> c.dueAt().isBefore(starvingBefore));
            for (WorkQueue.Candidate candidate : picked) {
                queue.take(candidate, claimant, now, settings.lease()).ifPresent(item -> {
                    inFlight.incrementAndGet();
                    workers.execute(() -> runOne(item));
                });
            }
        } catch (RuntimeException e) {
            LOG.error("execution runner of {}: cannot claim work: {}", membership.nodeId(), e.toString(), e);
        }
    }

    private void runOne(WorkItem item) {
        try {
            processor.process(item);
        } catch (RuntimeException e) {
            LOG.error("execution {}: work item {} failed; given back, due again in {}", item.executionId(),
                    item.id(), AFTER_ERROR, e);
            giveBack(item.claim());
        } finally {
            inFlight.decrementAndGet();
            lookAgainNow();
        }
    }

    /** A claim this daemon keeps would never be taken by anyone while it lives: give it back, now or next tick. */
    private void giveBack(WorkClaim claim) {
        try {
            queue.release(claim, clock.instant().plus(AFTER_ERROR));
        } catch (RuntimeException e) {
            toGiveBack.add(claim);
        }
    }

    private void giveBackLeftovers() {
        for (int i = toGiveBack.size(); i > 0; i--) {
            WorkClaim claim = toGiveBack.poll();
            if (claim != null) {
                giveBack(claim);
            }
        }
    }

    /** A finished item usually makes the next step due at once: claim it now rather than at the next poll. */
    private void lookAgainNow() {
        try {
            ticker.execute(this::tick);
        } catch (java.util.concurrent.RejectedExecutionException stopping) {
            // shutting down: the store keeps the work for the next start
        }
    }

    private static java.util.concurrent.ThreadFactory named(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
