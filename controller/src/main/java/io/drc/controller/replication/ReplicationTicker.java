package io.drc.controller.replication;

import io.drc.controller.cluster.ClusterMembership;
import io.dropwizard.lifecycle.Managed;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The frequent heartbeat of replication: advance due jobs, and every so often reconcile the catalog with AWS
 * and measure/publish RPO. One thread, so a tick never overlaps the next; intervals are judged on the
 * injected clock. Nothing here needs persisting: the jobs it advances are in the database.
 *
 * <p>With several daemons on one store, measuring (and publishing {@code DRC/AchievedRPO}) and reconciling are
 * duties done by one daemon per interval ({@link ClusterMembership#takeDuty}); intervals are counted from the epoch,
 * so the first tick in each new measuring interval measures, and the others adopt what it stored.
 */
public final class ReplicationTicker implements Managed {
    private static final Logger LOG = LoggerFactory.getLogger(ReplicationTicker.class);
    static final String MEASURE = "rpo-measure";
    static final String RECONCILE = "catalog-reconcile";

    private final ReplicationEngine engine;
    private final CatalogReconciler reconciler;
    private final RpoMonitor monitor;
    private final Duration tickInterval;
    private final Duration measureInterval;
    private final Duration reconcileInterval;
    private final ClusterMembership membership;
    private final Clock clock;
    private ScheduledExecutorService executor;
    private long lastMeasureSlot = Long.MIN_VALUE;
    private long lastReconcileSlot = Long.MIN_VALUE;
    private boolean wasPaused;

    public ReplicationTicker(ReplicationEngine engine, CatalogReconciler reconciler, RpoMonitor monitor,
                             ClusterMembership membership, Duration tickInterval, Duration measureInterval,
                             Duration reconcileInterval, Clock clock) {
        this.engine = engine;
        this.reconciler = reconciler;
        this.monitor = monitor;
        this.membership = membership;
        this.tickInterval = tickInterval;
        this.measureInterval = measureInterval;
        this.reconcileInterval = reconcileInterval;
        this.clock = clock;
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
        boolean first = lastReconcileSlot == Long.MIN_VALUE;
        long reconcileSlot = slot(now, reconcileInterval);
        if (reconcileSlot != lastReconcileSlot) {
            // at start always: the baseline below reads the catalog
            if (membership.takeDuty(RECONCILE, reconcileSlot) || first) {
                reconciler.reconcile();
            }
            lastReconcileSlot = reconcileSlot;
        }
        if (first) {
            engine.startBaseline(monitor.resourcesWithRecoveryPoint());
        }
        resumeAfterFailBack();
        engine.tick();
        long measureSlot = slot(now, measureInterval);
        if (measureSlot != lastMeasureSlot) {
            if (membership.takeDuty(MEASURE, measureSlot)) {
                monitor.measure();
            } else {
                monitor.adopt();
            }
            lastMeasureSlot = measureSlot;
        }
    }

    private static long slot(Instant now, Duration interval) {
        return Math.floorDiv(now.toEpochMilli(), Math.max(1, interval.toMillis()));
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
