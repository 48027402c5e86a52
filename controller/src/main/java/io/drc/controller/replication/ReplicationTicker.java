package io.drc.controller.replication;

import io.dropwizard.lifecycle.Managed;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The frequent heartbeat of replication: advance due jobs, and every so often reconcile the catalog with AWS
 * and measure/publish RPO (and RTO compliance, registered with {@link #alsoEveryMeasure}). One thread, so a tick
 * never overlaps the next; intervals are judged on the injected clock. Nothing here needs persisting: the jobs it advances are in the database.
 */
public final class ReplicationTicker implements Managed {
    private static final Logger LOG = LoggerFactory.getLogger(ReplicationTicker.class);

    private final ReplicationEngine engine;
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

    public ReplicationTicker(ReplicationEngine engine, CatalogReconciler reconciler, RpoMonitor monitor,
                             Duration tickInterval, Duration measureInterval, Duration reconcileInterval, Clock clock) {
        this.engine = engine;
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
        executor.scheduleWithFixedDelay(this::tickSafely, 0, tickInterval.toMillis(), TimeUnit.MILLISECONDS);
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

    /** One heartbeat; public so a benchmark can drive it without the timer. */
    public synchronized void tick() {
        Instant now = clock.instant();
        boolean first = lastReconciled == null;
        if (first || !now.isBefore(lastReconciled.plus(reconcileInterval))) {
            reconciler.reconcile();
            lastReconciled = now;
        }
        if (first) {
            engine.startBaseline(monitor.resourcesWithRecoveryPoint());
        }
        resumeAfterFailBack();
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
            LOG.info("the application serves from the primary again: replication resumes with a cycle now");
            engine.startCycle(Optional.empty());
        }
        wasPaused = paused;
    }
}
