package io.drc.simulator.core;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Everything the simulated cloud holds: one {@link RegionState} per region plus global services (Route 53),
 * the clock, timings and pending asynchronous transitions. All access goes through {@link #locked}, which first
 * fires the transitions that have come due, so every caller sees a consistent, up-to-date world.
 */
public final class World {
    public static final String ACCOUNT_ID = "123456789012";

    private final Clock clock;
    private final Timings timings;
    private final Ids ids = new Ids();
    private final EventQueue events = new EventQueue();
    private final Map<String, RegionState> regions = new TreeMap<>();
    private final Map<Class<?>, Object> globals = new HashMap<>();
    private final ReentrantLock lock = new ReentrantLock();

    public World(Clock clock, Timings timings) {
        this.clock = clock;
        this.timings = timings;
    }

    /** Runs {@code action} with the world to itself, after firing every transition due by now. */
    public <T> T locked(Supplier<T> action) {
        lock.lock();
        try {
            events.runDue(clock.instant());
            return action.get();
        } finally {
            lock.unlock();
        }
    }

    public void locked(Runnable action) {
        locked(() -> {
            action.run();
            return null;
        });
    }

    public RegionState region(String name) {
        requireLock();
        return regions.computeIfAbsent(name, n -> new RegionState(n, this));
    }

    public Map<String, RegionState> regions() {
        requireLock();
        return Collections.unmodifiableMap(regions);
    }

    /** State of a global service, made on first use. */
    public <T> T global(Class<T> type, Function<World, T> factory) {
        requireLock();
        return type.cast(globals.computeIfAbsent(type, t -> factory.apply(this)));
    }

    public Map<Class<?>, Object> globals() {
        requireLock();
        return Collections.unmodifiableMap(globals);
    }

    /** Schedules {@code action} after the duration configured for {@code timingKey} (see {@link Timings}). */
    public Instant after(String timingKey, Runnable action) {
        return after(timings.of(timingKey), action);
    }

    public Instant after(Duration delay, Runnable action) {
        requireLock();
        Instant when = now().plus(delay);
        events.at(when, action);
        return when;
    }

    /**
     * Schedules {@code action} at {@code when}: a recurring event (CloudWatch's minute evaluation) schedules its
     * next run from its own time, which may lie before now when the world catches up on due events.
     */
    public void at(Instant when, Runnable action) {
        requireLock();
        events.at(when, action);
    }

    public Instant now() {
        return clock.instant();
    }

    public Clock clock() {
        return clock;
    }

    public Timings timings() {
        return timings;
    }

    public Ids ids() {
        return ids;
    }

    public int pendingTransitions() {
        return locked(events::pending);
    }

    private void requireLock() {
        if (!lock.isHeldByCurrentThread()) {
            throw new IllegalStateException("world state is read and changed only inside World.locked(...)");
        }
    }
}
