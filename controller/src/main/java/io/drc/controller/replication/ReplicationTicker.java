package io.drc.controller.replication;

import io.dropwizard.lifecycle.Managed;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The heartbeat of replication: advance due jobs, and every so often reconcile the catalog with AWS and
 * measure/publish RPO (and RTO compliance: {@link #alsoEveryMeasure}). One thread, so a tick never overlaps the
 * next; intervals are judged on the injected clock.
 * The next tick comes when there is work again (a poll or a retry due, a measurement), at most
 * {@code tickInterval} later: a copy seen complete frees its slot at once, not a tick interval later. Nothing here
 * needs persisting: the jobs it advances are in the database.
 */
public final class ReplicationTicker implements Managed {
    private static final Logger LOG = LoggerFactory.getLogger(ReplicationTicker.class);
    /** The shortest pause between two ticks: work due "now" again after a tick waits this long. */
    static final Duration MIN_PAUSE = Duration.ofMillis(20);

    private final ReplicationEngine engine;
    private final ReplicationPlanner planner;
    private final CatalogReconciler reconciler;
    private final RpoMonitor monitor;
    private final Duration tickInterval;
    private final Duration measureInterval;
    private final Duration reconcileInterval;
    private final Clock clock;
    private ScheduledExecutorService executor;
    private Instant lastMeasured;
    private Instant lastReconciled;
    private boolean wasPaused;
    private final List<Runnable> alsoEveryMeasure = new CopyOnWriteArrayList<>();

    public ReplicationTicker(ReplicationEngine engine, ReplicationPlanner planner, CatalogReconciler reconciler,
                             RpoMonitor monitor, Duration tickInterval, Duration measureInterval,
                             Duration reconcileInterval, Clock clock) {
        this.engine = engine;
        this.planner = planner;
        this.reconciler = reconciler;
        this.monitor = monitor;
        this.tickInterval = tickInterval;
        this.measureInterval = measureInterval;
        this.reconcileInterval = reconcileInterval;
        this.clock = clock;
    }

    /**
     * Runs {@code measurement} after each RPO measurement, on the same interval and thread (RTO compliance);
     * register before {@link #start}.
     */
    public void alsoEveryMeasure(Runnable measurement) {
        alsoEveryMeasure.add(measurement);
    }

    @Override
    public void start() {
        executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "replication-tick");
            thread.setDaemon(true);
            return thread;
        });
        executor.schedule(this::tickAndReschedule, 0, TimeUnit.MILLISECONDS);
    }

    private void tickAndReschedule() {
        tickSafely();
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
        if (lastMeasured != null) {
            wake = earliest(wake, lastMeasured.plus(measureInterval));
        }
        if (lastReconciled != null) {
            wake = earliest(wake, lastReconciled.plus(reconcileInterval));
        }
        return wake;
    }

    private static Instant earliest(Instant a, Instant b) {
        return b.isBefore(a) ? b : a;
    }

    @Override
    public void stop() throws InterruptedException {
        executor.shutdownNow();
        executor.awaitTermination(30, TimeUnit.SECONDS);
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
        boolean first = lastReconciled == null;
        if (first || !now.isBefore(lastReconciled.plus(reconcileInterval))) {
            reconciler.reconcile();
            lastReconciled = now;
        }
        if (first && !planner.startsCopies()) {
            engine.startBaseline(monitor.resourcesWithRecoveryPoint());
        }
        resumeAfterFailBack();
        planner.plan();
        engine.tick();
        if (lastMeasured == null || !now.isBefore(lastMeasured.plus(measureInterval))) {
            monitor.measure();
            alsoEveryMeasure.forEach(Runnable::run);
            lastMeasured = now;
        }
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
