package io.drc.controller.replication;

import io.drc.controller.cluster.ClusterMembership;
import io.dropwizard.lifecycle.Managed;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The heartbeat of replication: advance due jobs, and every so often reconcile the catalog with AWS and
 * measure/publish RPO (and RTO compliance: {@link #alsoEveryMeasure}). One thread, so a tick never overlaps the
 * next; intervals are judged on the injected clock.
 * The next tick comes when there is work again (a poll or a retry due, a measurement), at most
 * {@code tickInterval} later: a copy seen complete frees its slot at once, not a tick interval later. Nothing here
 * needs persisting: the jobs it advances are in the database.
 *
 * <p>With several daemons on one store, measuring (and publishing {@code DRC/AchievedRPO}) and reconciling are
 * duties done by one daemon per interval ({@link ClusterMembership#takeDuty}); intervals are counted from the epoch,
 * so the first tick in each new measuring interval measures, and the others adopt what it stored.
 *
 * <p>Once started, the ticker measures on a thread of its own: a measurement at 10,000 resources (their history rows,
 * the CloudWatch metrics, RTO compliance) takes a second on a cold JVM, and on the tick thread it held up the looks
 * and copies behind it, the first copy after start-up included. Driven by hand ({@link #tick} without
 * {@link #start}: tests, benchmarks) it measures inline.
 */
public final class ReplicationTicker implements Managed {
    private static final Logger LOG = LoggerFactory.getLogger(ReplicationTicker.class);
    /** The shortest pause between two ticks: work due "now" again after a tick waits this long. */
    static final Duration MIN_PAUSE = Duration.ofMillis(20);
    static final String MEASURE = "rpo-measure";
    static final String RECONCILE = "catalog-reconcile";
    /**
     * How long {@link #stop} waits for the tick in progress (its steps in hand: one AWS call and one store write
     * each). Past it the stop goes on without interrupting the tick: H2 closes the whole store when an interrupted
     * thread reads its file.
     */
    static final Duration STOP_WAIT = Duration.ofSeconds(60);

    private final ReplicationEngine engine;
    private final ReplicationPlanner planner;
    private final CatalogReconciler reconciler;
    private final RpoMonitor monitor;
    private final Duration tickInterval;
    private final Duration measureInterval;
    private final Duration reconcileInterval;
    private final ClusterMembership membership;
    private final Clock clock;
    private ScheduledThreadPoolExecutor executor;
    private ExecutorService measuring;
    private final AtomicBoolean measuringNow = new AtomicBoolean();
    private long lastMeasureSlot = Long.MIN_VALUE;
    private long lastReconcileSlot = Long.MIN_VALUE;
    private boolean wasPaused;
    private final List<Runnable> alsoEveryMeasure = new CopyOnWriteArrayList<>();

    public ReplicationTicker(ReplicationEngine engine, ReplicationPlanner planner, CatalogReconciler reconciler,
                             RpoMonitor monitor, ClusterMembership membership, Duration tickInterval,
                             Duration measureInterval, Duration reconcileInterval, Clock clock) {
        this.engine = engine;
        this.planner = planner;
        this.reconciler = reconciler;
        this.monitor = monitor;
        this.membership = membership;
        this.tickInterval = tickInterval;
        this.measureInterval = measureInterval;
        this.reconcileInterval = reconcileInterval;
        this.clock = clock;
    }

    /**
     * Runs {@code measurement} after each RPO measurement this daemon makes (one daemon per interval), on the same
     * interval and thread (RTO compliance);
     * register before {@link #start}.
     */
    public void alsoEveryMeasure(Runnable measurement) {
        alsoEveryMeasure.add(measurement);
    }

    @Override
    public void start() {
        executor = new ScheduledThreadPoolExecutor(1, r -> {
            Thread thread = new Thread(r, "replication-tick");
            thread.setDaemon(true);
            return thread;
        });
        // stop() drops the next tick already scheduled instead of waiting for it
        executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        measuring = Executors.newSingleThreadExecutor(r -> {
            Thread thread = new Thread(r, "rpo-measure");
            thread.setDaemon(true);
            return thread;
        });
        executor.schedule(this::tickAndReschedule, 0, TimeUnit.MILLISECONDS);
    }

    private void tickAndReschedule() {
        if (engine.stopping()) {
            return;
        }
        tickSafely();
        if (engine.stopping()) {
            return;
        }
        Duration pause;
        try {
            pause = Duration.between(clock.instant(), nextWake());
        } catch (RuntimeException e) {
            LOG.warn("cannot tell when replication has work next; ticking again in {}: {}", tickInterval, e.getMessage());
            pause = tickInterval;
        }
        pause = pause.compareTo(MIN_PAUSE) < 0 ? MIN_PAUSE : pause;
        try {
            executor.schedule(this::tickAndReschedule, pause.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException stopping) {
            // stop() shut the executor down while this tick ran: no next tick.
        }
    }

    /**
     * When the next tick is due: the engine's next work, the next measurement or reconciliation, and at most
     * {@code tickInterval} from now. Public so a benchmark on a manual clock can jump to it.
     */
    public synchronized Instant nextWake() {
        Instant now = clock.instant();
        Instant wake = now.plus(tickInterval);
        wake = earliest(wake, engine.nextWork().orElse(wake));
        wake = earliest(wake, planner.nextStart().orElse(wake));
        if (lastMeasureSlot != Long.MIN_VALUE) {
            wake = earliest(wake, slotStart(lastMeasureSlot + 1, measureInterval));
        }
        if (lastReconcileSlot != Long.MIN_VALUE) {
            wake = earliest(wake, slotStart(lastReconcileSlot + 1, reconcileInterval));
        }
        return wake;
    }

    private static Instant earliest(Instant a, Instant b) {
        return b.isBefore(a) ? b : a;
    }

    /**
     * Starts no tick and no step after this; waits for the tick in progress, whose steps in hand finish and are
     * stored (a step not begun stays due in the store), so nothing of replication uses the store or the workers once
     * this returns. Dropwizard stops this before the workers, the AWS clients and the connection pool.
     */
    @Override
    public void stop() throws InterruptedException {
        long started = System.nanoTime();
        engine.stop();
        if (executor == null) {
            return;
        }
        executor.shutdown();
        measuring.shutdown();
        if (executor.awaitTermination(STOP_WAIT.toMillis(), TimeUnit.MILLISECONDS)
                && measuring.awaitTermination(STOP_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
            LOG.info("replication stopped: steps in hand stored, no new step started ({} ms)",
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
        } else {
            LOG.warn("replication tick still running {} after stopping began; the daemon stops without it (its "
                    + "claims are free to the other daemons once this one has left)", STOP_WAIT);
        }
    }

    private void tickSafely() {
        try {
            tick();
        } catch (RuntimeException e) {
            // A failed tick must not cancel the schedule: the next one tries again.
            LOG.error("replication tick failed", e);
        }
    }

    /**
     * One heartbeat; public so a benchmark can drive it without the timer. With deadline scheduling the plan starts
     * what is due (a resource with nothing in DR yet is due at once, so a new installation is protected as fast as
     * the quota allows, its sources made just in time for their copy slots); with cron scheduling the first tick
     * starts a cycle for every resource without a recovery point in DR, and the first tick after a fail-back one
     * for every resource.
     */
    public synchronized void tick() {
        Instant now = clock.instant();
        boolean first = lastReconcileSlot == Long.MIN_VALUE;
        long reconcileSlot = slot(now, reconcileInterval);
        if (reconcileSlot != lastReconcileSlot) {
            // at start always: the baseline and the plan below read the catalog
            if (membership.takeDuty(RECONCILE, reconcileSlot) || first) {
                reconciler.reconcile();
            }
            lastReconcileSlot = reconcileSlot;
        }
        if (engine.stopping()) {
            return; // no new job while stopping: the next daemon's tick plans them
        }
        if (first && !planner.startsCopies()) {
            engine.startBaseline(monitor.resourcesWithRecoveryPoint());
        }
        resumeAfterFailBack();
        planner.plan();
        engine.tick();
        if (engine.stopping()) {
            return; // this interval's measurement is the duty of whichever daemon ticks next
        }
        long measureSlot = slot(now, measureInterval);
        if (measureSlot != lastMeasureSlot && measuringNow.compareAndSet(false, true)) {
            // (a measurement still running: this interval's waits for the next tick)
            try {
                monitor.reloadNewest();
            } catch (RuntimeException e) {
                measuringNow.set(false);
                throw e;
            }
            lastMeasureSlot = measureSlot;
            Runnable measurement = () -> measure(measureSlot);
            if (measuring == null) {
                measurement.run();
                return;
            }
            try {
                measuring.execute(measurement);
            } catch (RejectedExecutionException stopping) {
                measuringNow.set(false); // stop() began after this tick's check: the next daemon measures
            }
        }
    }

    private void measure(long measureSlot) {
        try {
            if (membership.takeDuty(MEASURE, measureSlot)) {
                monitor.measureReloaded();
                // published once per interval across daemons, like the RPO: the others' status reads the store
                alsoEveryMeasure.forEach(Runnable::run);
            } else {
                monitor.adopt();
            }
        } catch (RuntimeException e) {
            LOG.error("RPO measurement failed; the next interval measures again", e);
        } finally {
            measuringNow.set(false);
        }
    }

    private static long slot(Instant now, Duration interval) {
        return Math.floorDiv(now.toEpochMilli(), Math.max(1, interval.toMillis()));
    }

    private static Instant slotStart(long slot, Duration interval) {
        return Instant.ofEpochMilli(slot * Math.max(1, interval.toMillis()));
    }

    /** The first tick after a fail-back starts a cycle for every resource: RPO grew all the time it was paused. */
    private void resumeAfterFailBack() {
        boolean paused = engine.pausedReason().isPresent();
        if (wasPaused && !paused) {
            LOG.info("the application serves from the primary again: replication resumes now");
            if (!planner.startsCopies()) {
                engine.startCycle(Optional.empty());
            }
        }
        wasPaused = paused;
    }
}
