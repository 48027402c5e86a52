package io.drc.controller.cluster;

import io.drc.controller.db.Claimant;
import io.drc.controller.db.ClusterStore;
import io.dropwizard.lifecycle.Managed;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This daemon as a member of the daemons sharing the store. It {@link #join}s as a new incarnation of its node id
 * (freeing whatever an earlier run of the node still claims), renews its heartbeat every
 * {@code heartbeatInterval} on its own thread — so a worker busy in a slow AWS call keeps its claims — and leaves
 * at a clean stop. Claims of a daemon whose heartbeat is older than {@code deadAfter} are free to the others.
 *
 * <p>Managed: start it before anything that claims work and it stops after them (Dropwizard stops in reverse).
 */
public final class ClusterMembership implements Managed {
    private static final Logger LOG = LoggerFactory.getLogger(ClusterMembership.class);

    /**
     * @param nodeId            this daemon's stable name (see {@link NodeIdentity})
     * @param heartbeatInterval how often the heartbeat is renewed
     * @param deadAfter         a heartbeat older than this is a dead daemon
     */
    public record Settings(String nodeId, Duration heartbeatInterval, Duration deadAfter) { }

    /**
     * The live daemons as of the last heartbeat, sorted by node id; this daemon is always among them.
     *
     * @param selfIndex this daemon's place in {@code alive}
     */
    public record View(List<String> alive, int selfIndex) {
        public int size() {
            return alive.size();
        }
    }

    private final ClusterStore store;
    private final Settings settings;
    private final Clock clock;
    private final LongSupplier nanoTime;
    private volatile ClusterNode self;
    private volatile long lastBeatNanos;
    private volatile boolean superseded;
    private volatile View view;
    private final AtomicLong refusedWrites = new AtomicLong();
    private ScheduledExecutorService beats;

    public ClusterMembership(ClusterStore store, Settings settings, Clock clock) {
        this(store, settings, clock, System::nanoTime);
    }

    /** {@code nanoTime}: the monotonic time this daemon judges its own heartbeat's freshness by (tests fake it). */
    public ClusterMembership(ClusterStore store, Settings settings, Clock clock, LongSupplier nanoTime) {
        this.store = store;
        this.settings = settings;
        this.clock = clock;
        this.nanoTime = nanoTime;
        this.view = new View(List.of(settings.nodeId()), 0);
    }

    /** Registers this daemon's new incarnation (once); before it, this daemon claims nothing. */
    public synchronized ClusterNode join() {
        if (self == null) {
            long started = nanoTime.getAsLong();
            self = store.register(settings.nodeId(), NodeIdentity.host(), ProcessHandle.current().pid(),
                    NodeIdentity.version(), clock.instant());
            lastBeatNanos = started;
            refreshView(clock.instant());
            LOG.info("cluster node {} joined as incarnation {} (heartbeat every {}, dead after {}); live nodes: {}",
                    self.nodeId(), self.incarnation(), settings.heartbeatInterval(), settings.deadAfter(),
                    view.alive());
        }
        return self;
    }

    @Override
    public void start() {
        join();
        beats = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "drc-heartbeat");
            thread.setDaemon(true);
            thread.setPriority(Thread.MAX_PRIORITY);
            return thread;
        });
        long every = settings.heartbeatInterval().toMillis();
        beats.scheduleAtFixedRate(this::beatSafely, every, every, TimeUnit.MILLISECONDS);
    }

    /** Stops renewing and leaves: what this daemon still claims (nothing, after a clean stop) is free at once. */
    @Override
    public void stop() throws InterruptedException {
        if (beats != null) {
            // not shutdownNow: an interrupted beat mid-write would close H2's store before the leave below
            beats.shutdown();
            beats.awaitTermination(10, TimeUnit.SECONDS);
        }
        if (self != null && !superseded) {
            store.leave(self.ownerTag(), clock.instant());
            LOG.info("cluster node {} (incarnation {}) left", self.nodeId(), self.incarnation());
        }
    }

    private void beatSafely() {
        try {
            beat();
        } catch (RuntimeException e) {
            // the next beat tries again; meanwhile mayClaim() turns false once this one is missed for too long
            LOG.warn("cluster node {}: heartbeat not renewed: {}", settings.nodeId(), e.toString());
        }
    }

    /** Renews the heartbeat now (the heartbeat thread's work; tests on a manual clock call it themselves). */
    public void beat() {
        long started = nanoTime.getAsLong();
        Instant now = clock.instant();
        if (!store.beat(owner(), now)) {
            if (!superseded) {
                LOG.error("cluster node {} (incarnation {}) was registered again by another process with the same "
                        + "cluster.nodeId, or removed: this daemon claims no more work. Give every daemon its own "
                        + "cluster.nodeId", self.nodeId(), self.incarnation());
            }
            superseded = true;
            return;
        }
        lastBeatNanos = started;
        refreshView(now);
    }

    private void refreshView(Instant now) {
        List<String> alive = store.nodes().stream()
                .filter(n -> n.nodeId().equals(self.nodeId()) || n.aliveAt(now, settings.deadAfter()))
                .map(ClusterNode::nodeId).sorted(Comparator.naturalOrder()).toList();
        view = new View(alive, alive.indexOf(self.nodeId()));
    }

    /**
     * Whether this daemon may take or start work: it has joined, is not superseded, and renewed its heartbeat within
     * {@code deadAfter − heartbeatInterval / 2} by its own monotonic clock. A daemon that stalled (GC pause, CPU
     * starvation, a store that does not answer) stops taking work before the others can see it as dead.
     */
    public boolean mayClaim() {
        if (self == null || superseded) {
            return false;
        }
        long sinceBeat = nanoTime.getAsLong() - lastBeatNanos;
        return sinceBeat < settings.deadAfter().minus(settings.heartbeatInterval().dividedBy(2)).toNanos();
    }

    /** This daemon as claimant at this moment: its owner tag, and the oldest heartbeat still alive. */
    public Claimant claimant() {
        return new Claimant(owner(), clock.instant().minus(settings.deadAfter()));
    }

    public String nodeId() {
        return settings.nodeId();
    }

    /** {@code nodeId#incarnation}: the name this run of the daemon writes into its claims. */
    public String owner() {
        if (self == null) {
            throw new IllegalStateException("cluster node " + settings.nodeId() + " has not joined yet");
        }
        return self.ownerTag();
    }

    public View view() {
        return view;
    }

    public Settings settings() {
        return settings;
    }

    /** Every node that ever registered, as the store holds them now, judged at this moment. */
    public ClusterSnapshot snapshot() {
        return new ClusterSnapshot(store.nodes(), settings.deadAfter(), clock.instant(), owner());
    }

    /** What every daemon holds now (steps, replication jobs, Quartz triggers). */
    public Holdings holdings() {
        return store.holdings();
    }

    /**
     * Takes periodic duty {@code name} for interval number {@code slot} (e.g. now ÷ measureInterval): true for one
     * daemon per interval, so a duty such as publishing RPO is done once, not once per daemon.
     */
    public boolean takeDuty(String name, long slot) {
        return store.takeDuty(name, slot, owner(), clock.instant());
    }

    /** Makes a duty the migrations do not insert known before {@link #takeDuty} ({@link ClusterStore#declareDuty}). */
    public void declareDuty(String name) {
        store.declareDuty(name);
    }

    /** Whether this daemon was found registered again by another process with its node id. */
    public boolean superseded() {
        return superseded;
    }

    public Instant now() {
        return clock.instant();
    }

    /**
     * A result this daemon computed was not stored because its claim was lost (another daemon took the work over
     * while this one stalled): logged and counted, never retried here — the new owner redoes the work.
     */
    public void refused(String what) {
        refusedWrites.incrementAndGet();
        LOG.warn("cluster node {}: result refused, claim lost: {}", settings.nodeId(), what);
    }

    /** Results refused since start ({@link #refused}); Prometheus {@code drc_claims_refused}. */
    public long refusedWrites() {
        return refusedWrites.get();
    }
}
