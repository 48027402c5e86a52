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
    private Ids ids = new Ids();
    private final EventQueue events = new EventQueue();
    private final Map<String, RegionState> regions = new TreeMap<>();
    private final Map<Class<?>, Object> globals = new HashMap<>();
    private final ReentrantLock lock = new ReentrantLock();
    /** Set while a call under a LOSE fault is served: the changes it starts end without effect. */
    private static final ThreadLocal<Boolean> LOSING = ThreadLocal.withInitial(() -> false);
    /** Where the world is saved after each change; null keeps it in memory only. */
    private WorldStore store;

    public World(Clock clock, Timings timings) {
        this.clock = clock;
        this.timings = timings;
    }

    /**
     * Runs {@code action} with the world to itself, after firing every transition due by now. With a store, the
     * outermost call saves the world before it returns, so whatever a client was told has happened is on disk.
     */
    public <T> T locked(Supplier<T> action) {
        lock.lock();
        try {
            T result;
            try {
                events.runDue(clock.instant());
                result = action.get();
            } catch (RuntimeException | Error e) {
                // a failed call may still have fired due transitions: save them, and report the call's own error
                try {
                    save();
                } catch (RuntimeException saveFailure) {
                    e.addSuppressed(saveFailure);
                }
                throw e;
            }
            save();
            return result;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Keeps this world in {@code store} from now on. If the store holds a saved world, this world becomes it (the
     * clock's position, ids, every service's state and pending transitions) and the answer is true; otherwise the
     * current world is saved there and the answer is false. Call before serving any client.
     */
    public boolean persistIn(WorldStore store) {
        lock.lock();
        try {
            boolean restored = store.read().map(bytes -> SavedWorld.fromBytes(bytes, this, store))
                    .map(saved -> {
                        restore(saved);
                        return true;
                    }).orElse(false);
            this.store = store;
            save();
            return restored;
        } finally {
            lock.unlock();
        }
    }

    private void restore(SavedWorld saved) {
        if (clock instanceof ManualClock manual) {
            manual.advanceTo(saved.clock());
        }
        ids = saved.ids();
        regions.clear();
        regions.putAll(saved.regions());
        globals.clear();
        globals.putAll(saved.globals());
        events.restore(saved.events(), saved.nextSeq());
    }

    private void save() {
        if (store != null && lock.getHoldCount() == 1) {
            SavedWorld saved = new SavedWorld(SavedWorld.FORMAT, clock.instant(), ids, new TreeMap<>(regions),
                    new HashMap<>(globals), events.saved(), events.nextSeq());
            store.write(saved.toBytes(this));
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

    /**
     * Serves {@code call} as one whose started changes AWS loses (a {@code LOSE} fault): services that model a change
     * passing through a state ask {@link #losesChanges()} when they start it.
     */
    public <T> T losing(Supplier<T> call) {
        LOSING.set(true);
        try {
            return call.get();
        } finally {
            LOSING.set(false);
        }
    }

    /** Whether the call being served started changes that AWS will lose (see {@link #losing}). */
    public boolean losesChanges() {
        return LOSING.get();
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
    public Instant after(String timingKey, Transition action) {
        return after(timings.of(timingKey), action);
    }

    public Instant after(Duration delay, Transition action) {
        requireLock();
        Instant when = now().plus(delay);
        events.at(when, action);
        return when;
    }

    /**
     * Schedules {@code action} at {@code when}: a recurring event (CloudWatch's minute evaluation) schedules its
     * next run from its own time, which may lie before now when the world catches up on due events.
     */
    public void at(Instant when, Transition action) {
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
