package io.drc.controller.engine;

import io.drc.controller.db.WorkQueue;
import io.dropwizard.lifecycle.Managed;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs due work: every {@code pollInterval} it leases as many due items as it has free workers and processes
 * them. No thread waits for AWS or for time: Wait states, retry intervals and polls of running steps are due
 * work items. On start it simply claims what is due — including items whose leases a stopped daemon left
 * behind once they expire — so a restarted daemon resumes its executions.
 */
public final class ExecutionRunner implements Managed {
    private static final Logger LOG = LoggerFactory.getLogger(ExecutionRunner.class);
    private static final Duration RTO_SWEEP = Duration.ofMinutes(1);

    /** How the runner paces itself; {@code owner} names it in leases (unique per daemon). */
    public record Settings(String owner, Duration pollInterval, Duration lease, int workers) {
        /** Host, process and a random part, so two daemons (even on one host) never share leases. */
        public static String uniqueOwner() {
            String host;
            try {
                host = java.net.InetAddress.getLocalHost().getHostName();
            } catch (java.io.IOException e) {
                host = "unknown-host";
            }
            return host + ":" + ProcessHandle.current().pid() + ":" + java.util.UUID.randomUUID().toString().substring(0, 8);
        }
    }

    private final WorkQueue queue;
    private final WorkItemProcessor processor;
    private final Clock clock;
    private final Settings settings;
    private final AtomicInteger inFlight = new AtomicInteger();
    private ScheduledExecutorService ticker;
    private ScheduledExecutorService sweeper;
    private ExecutorService workers;

    public ExecutionRunner(WorkQueue queue, WorkItemProcessor processor, Clock clock, Settings settings) {
        this.queue = queue;
        this.processor = processor;
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
        LOG.info("execution runner {} started: {} workers, polling every {}", settings.owner(), settings.workers(),
                settings.pollInterval());
    }

    /** Finishes the items in hand (their outcomes are stored), then stops; unclaimed work waits in the store. */
    @Override
    public void stop() throws InterruptedException {
        sweeper.shutdownNow();
        // a publish in hand must not outlive the store's pool, which Dropwizard closes after this
        sweeper.awaitTermination(30, TimeUnit.SECONDS);
        ticker.shutdown();
        ticker.awaitTermination(30, TimeUnit.SECONDS);
        workers.shutdown();
        if (!workers.awaitTermination(60, TimeUnit.SECONDS)) {
            LOG.warn("execution runner {}: steps still running at shutdown; their leases expire and another runner "
                    + "takes them over", settings.owner());
            workers.shutdownNow();
        }
    }

    void tick() {
        try {
            int free = settings.workers() - inFlight.get();
            if (free <= 0) {
                return;
            }
            List<WorkItem> claimed = queue.claim(settings.owner(), clock.instant(), settings.lease(), free);
            for (WorkItem item : claimed) {
                inFlight.incrementAndGet();
                workers.execute(() -> runOne(item));
            }
        } catch (RuntimeException e) {
            LOG.error("execution runner {}: cannot claim work: {}", settings.owner(), e.toString(), e);
        }
    }

    private void runOne(WorkItem item) {
        try {
            processor.process(item, settings.owner());
        } catch (RuntimeException e) {
            // the item keeps its lease and is taken again once the lease expires
            LOG.error("execution {}: work item {} failed; retried after its lease expires", item.executionId(),
                    item.id(), e);
        } finally {
            inFlight.decrementAndGet();
            lookAgainNow();
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
