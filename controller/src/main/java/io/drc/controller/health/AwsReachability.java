package io.drc.controller.health;

import io.drc.strategies.aws.AwsClients;
import io.dropwizard.lifecycle.Managed;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * Whether drc can reach EC2 in each region, measured in the background: a cheap read-only call with a short
 * deadline per region, every {@code interval}. Health checks and the status read the last answer with its time;
 * no request waits for AWS, and many people looking at the status cost AWS nothing (EC2's describes share a
 * token bucket, which a status page calling AWS per request would drain exactly when everyone looks).
 */
public final class AwsReachability implements Managed {
    private static final Logger LOG = LoggerFactory.getLogger(AwsReachability.class);

    /** One region's last answer. */
    public record Probe(boolean reachable, String detail, Instant checkedAt) {}

    private final AwsClients clients;
    private final List<String> regions;
    private final Duration timeout;
    private final Duration interval;
    private final Clock clock;
    private final Map<String, Probe> last = new ConcurrentHashMap<>();
    private ScheduledExecutorService executor;

    public AwsReachability(AwsClients clients, List<String> regions, Duration timeout, Duration interval, Clock clock) {
        this.clients = clients;
        this.regions = List.copyOf(regions);
        this.timeout = timeout;
        this.interval = interval;
        this.clock = clock;
    }

    /**
     * Probes every region once before the daemon serves (in parallel, each within the timeout), then periodically.
     * A first probe still unanswered after the timeout (plus the SDK client's first-use set-up) does not stop the
     * daemon from starting: a controller that cannot start while AWS is slow is no use in an outage; its region's
     * check reads "not probed yet" (unhealthy, so not ready) until the probe answers.
     */
    @Override
    public void start() throws Exception {
        executor = Executors.newScheduledThreadPool(regions.size(), r -> {
            Thread thread = new Thread(r, "aws-reachability");
            thread.setDaemon(true);
            return thread;
        });
        List<Future<Probe>> first = regions.stream().map(region -> executor.submit(() -> probe(region))).toList();
        long deadline = System.nanoTime() + timeout.toNanos() + TimeUnit.SECONDS.toNanos(5);
        for (int i = 0; i < first.size(); i++) {
            try {
                first.get(i).get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (TimeoutException e) {
                LOG.warn("EC2 in {} did not answer the first reachability probe within {} s; starting anyway, its"
                        + " check says so until it answers", regions.get(i), timeout.plusSeconds(5).toSeconds());
            }
        }
        for (String region : regions) {
            executor.scheduleWithFixedDelay(() -> probe(region), interval.toMillis(), interval.toMillis(),
                    TimeUnit.MILLISECONDS);
        }
    }

    @Override
    public void stop() throws InterruptedException {
        if (executor != null) {
            executor.shutdownNow();
            executor.awaitTermination(timeout.toMillis() + 1_000, TimeUnit.MILLISECONDS);
        }
    }

    /** Asks AWS now and keeps the answer (the background schedule calls it; so may a test). */
    public Probe probe(String region) {
        Probe probe;
        try {
            int zones = clients.ec2(region)
                    .describeAvailabilityZones(request -> request.overrideConfiguration(o -> o.apiCallTimeout(timeout)))
                    .availabilityZones().size();
            probe = new Probe(true, "EC2 in " + region + " answers; " + zones + " availability zones", clock.instant());
        } catch (SdkException e) {
            probe = new Probe(false, "cannot reach EC2 in " + region + ": " + e.getMessage(), clock.instant());
        } catch (RuntimeException e) {
            LOG.warn("reachability probe of {} failed unexpectedly", region, e);
            probe = new Probe(false, "cannot tell whether EC2 in " + region + " answers: " + e, clock.instant());
        }
        last.put(region, probe);
        return probe;
    }

    public Optional<Probe> last(String region) {
        return Optional.ofNullable(last.get(region));
    }
}
