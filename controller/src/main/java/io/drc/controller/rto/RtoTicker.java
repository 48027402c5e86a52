package io.drc.controller.rto;

import io.drc.controller.cluster.ClusterMembership;
import io.dropwizard.lifecycle.Managed;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * RTO compliance's measurement on a daemon with replication disabled, where no replication tick runs it beside the
 * RPO measurement: {@link RtoMonitor#measure} once per {@code measureInterval} (intervals counted from the epoch on
 * the injected clock), by one daemon per interval (duty {@value #DUTY}). Looks every {@code lookInterval} whether a
 * new interval has begun, so a jumped manual clock is seen within one look.
 */
public final class RtoTicker implements Managed {
    static final String DUTY = "rto-measure";

    private final RtoMonitor monitor;
    private final ClusterMembership membership;
    private final Duration measureInterval;
    private final Duration lookInterval;
    private final Clock clock;
    private ScheduledExecutorService executor;
    private long lastSlot = Long.MIN_VALUE;

    public RtoTicker(RtoMonitor monitor, ClusterMembership membership, Duration measureInterval, Duration lookInterval,
                     Clock clock) {
        this.monitor = monitor;
        this.membership = membership;
        this.measureInterval = measureInterval;
        this.lookInterval = lookInterval;
        this.clock = clock;
    }

    @Override
    public void start() {
        membership.declareDuty(DUTY);
        executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "rto-measure");
            thread.setDaemon(true);
            return thread;
        });
        executor.scheduleWithFixedDelay(this::look, 0, lookInterval.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Measures when a new interval has begun and this daemon takes its duty; {@link RtoMonitor#measure} never throws. */
    void look() {
        long slot = Math.floorDiv(clock.millis(), Math.max(1, measureInterval.toMillis()));
        if (slot == lastSlot) {
            return;
        }
        lastSlot = slot;
        try {
            if (membership.takeDuty(DUTY, slot)) {
                monitor.measure();
            }
        } catch (RuntimeException e) {
            // the store is unreachable: the next interval tries again (RTO compliance is not worth a dead thread)
            org.slf4j.LoggerFactory.getLogger(RtoTicker.class).warn("cannot take the RTO measuring duty: {}",
                    e.toString());
        }
    }

    @Override
    public void stop() throws InterruptedException {
        if (executor != null) {
            // not shutdownNow: H2 closes the whole store when an interrupted thread reads its file
            executor.shutdown();
            executor.awaitTermination(10, TimeUnit.SECONDS);
        }
    }
}
