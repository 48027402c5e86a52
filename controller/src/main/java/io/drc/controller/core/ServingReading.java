package io.drc.controller.core;

import io.drc.controller.db.ServingHistory;
import java.time.Duration;
import java.util.Optional;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * Which region serves, as status shows it: the {@link ServingHistory} reading, taken again when this daemon has
 * committed a recovery since (so its own failover shows at once) or when the reading is older than {@code maxAge} (a
 * failover another daemon of the cluster ran). Status asks on every request; at hundreds a second the query was a
 * third of a request's cost.
 */
public final class ServingReading implements Supplier<Optional<ServingHistory.Serving>> {
    private record Reading(long localChanges, long atNanos, Optional<ServingHistory.Serving> serving) {}

    private final Supplier<Optional<ServingHistory.Serving>> history;
    private final LongSupplier localChanges;
    private final long maxAgeNanos;
    private final LongSupplier nanoTime;
    private volatile Reading last;

    /**
     * {@code localChanges}: a count this daemon raises after each commit that records a recovery
     * ({@link io.drc.controller.db.ExecutionStore#recoveriesCommitted}).
     */
    public ServingReading(Supplier<Optional<ServingHistory.Serving>> history, LongSupplier localChanges,
                          Duration maxAge, LongSupplier nanoTime) {
        this.history = history;
        this.localChanges = localChanges;
        this.maxAgeNanos = maxAge.toNanos();
        this.nanoTime = nanoTime;
    }

    @Override
    public Optional<ServingHistory.Serving> get() {
        // the count is read before the store: a recovery committed in between makes the next request read again
        long changes = localChanges.getAsLong();
        long now = nanoTime.getAsLong();
        Reading reading = last;
        if (reading == null || reading.localChanges() != changes || now - reading.atNanos() >= maxAgeNanos) {
            reading = new Reading(changes, now, history.get());
            last = reading;
        }
        return reading.serving();
    }
}
