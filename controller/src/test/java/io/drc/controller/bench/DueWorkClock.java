package io.drc.controller.bench;

import io.drc.controller.db.ExecutionStore;
import io.drc.controller.db.WorkQueue;
import io.drc.controller.engine.ExecutionRecord;
import io.drc.controller.engine.WorkItem;
import io.drc.simulator.core.ManualClock;
import io.dropwizard.jackson.Jackson;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import org.jdbi.v3.core.Jdbi;

/**
 * Moves the manual clock as time passes for a daemon whose runner looks for due work every {@code tick}: it
 * waits (wall time) until the engine has nothing due now — every claimed item finished and its successors
 * stored — then jumps to the first tick at or after the earliest due work item. AWS calls take no simulated
 * time, so the clock at the end is the simulator's durations plus what polling adds: the step handlers' poll
 * intervals and the runner's tick.
 */
final class DueWorkClock {
    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private final ManualClock clock;
    private final WorkQueue queue;
    private final ExecutionStore store;
    private final Duration tick;

    /** Reads the daemon's store at {@code databaseUrl} (the same H2 database, shared inside this JVM). */
    DueWorkClock(ManualClock clock, String databaseUrl, Duration tick) {
        Jdbi jdbi = Jdbi.create(databaseUrl, "sa", "");
        this.clock = clock;
        this.queue = new WorkQueue(jdbi, Jackson.newObjectMapper());
        this.store = new ExecutionStore(jdbi, Jackson.newObjectMapper());
        this.tick = tick;
    }

    /** How a run went: how often the clock jumped, and the wall time the engine took to do the due work. */
    record Run(int jumps, Duration engineWallTime) { }

    /** Runs execution {@code id} to its end. */
    Run runToEnd(String id) throws InterruptedException {
        Instant origin = clock.instant();
        int jumps = 0;
        long busyNanos = 0;
        while (true) {
            long idleFrom = System.nanoTime();
            List<WorkItem> pending = awaitIdle(id);
            busyNanos += System.nanoTime() - idleFrom;
            ExecutionRecord execution = store.find(id).orElseThrow();
            if (execution.status().ended()) {
                return new Run(jumps, Duration.ofNanos(busyNanos));
            }
            Instant next = pending.stream().map(WorkItem::dueAt).min(Comparator.naturalOrder())
                    .orElseThrow(() -> new IllegalStateException("execution " + id + " is " + execution.status()
                            + " with no work due: a runbook awaiting approval cannot be benchmarked"));
            long ticks = (Duration.between(origin, next).toMillis() + tick.toMillis() - 1) / tick.toMillis();
            clock.advance(Duration.between(clock.instant(), origin.plus(tick.multipliedBy(ticks))));
            jumps++;
        }
    }

    /** The execution's work items once none is due now (all due later, or none left). */
    private List<WorkItem> awaitIdle(String id) throws InterruptedException {
        Instant deadline = Instant.now().plus(PATIENCE);
        while (true) {
            Instant now = clock.instant();
            List<WorkItem> pending = queue.pending(id);
            if (pending.stream().allMatch(w -> w.dueAt().isAfter(now))) {
                return pending;
            }
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("execution " + id + ": work due at " + now + " not done within "
                        + PATIENCE + " of wall time: " + pending);
            }
            Thread.sleep(5);
        }
    }
}
