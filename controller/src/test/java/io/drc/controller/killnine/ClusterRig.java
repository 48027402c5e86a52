package io.drc.controller.killnine;

import com.fasterxml.jackson.databind.JsonNode;
import io.drc.controller.cluster.ClusterNode;
import io.drc.simulator.Simulator;
import io.drc.simulator.SimulatorClients;
import io.drc.simulator.SimulatorOptions;
import io.drc.simulator.core.Journal;
import io.drc.simulator.core.ManualClock;
import io.drc.simulator.demo.DemoEnvironment;
import io.drc.simulator.demo.DemoSeeder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import java.util.function.Predicate;
import org.jdbi.v3.core.Jdbi;

/**
 * Two (or more) packaged daemons on one real PostgreSQL, each a child process with its own {@code cluster.nodeId},
 * against a demo-seeded simulator in the test JVM. Kill points SIGKILL the daemon that <em>holds</em> the step (or
 * replication job) a simulator call belongs to — looked up in the store at the moment of the call — and record when
 * another daemon first acts on that work again: the takeover. A killed daemon is replaced by a new node (a fresh
 * node id), so the takeover is the survivors' doing, after the dead one's heartbeat ages past deadAfter.
 *
 * <p>Simulated time: {@link Pacing#FROZEN_WHILE_DEGRADED} moves it only while every daemon is up and no takeover is
 * pending, so AWS does not finish work behind a dead daemon's back and every kill point is reached in order;
 * {@link Pacing#REAL_TIME} moves it with the wall clock whatever happens to the daemons, as AWS would (the
 * benchmark).
 */
final class ClusterRig implements AutoCloseable {
    /** How simulated time moves. */
    enum Pacing {
        /** 1 s of simulated time per 50 ms while the whole cluster is up and no takeover is pending. */
        FROZEN_WHILE_DEGRADED,
        /** The wall clock's pace, always. */
        REAL_TIME
    }

    /** Who holds some work: the node id, and for a replication job its id (its takeover is read from the store). */
    record Held(String nodeId, Long jobId) { }

    /** Which daemon holds the work a call belongs to, read from the store; empty when nobody does. */
    interface Holder extends Function<Jdbi, Optional<Held>> {
        /** The daemon that holds the Task run by step handler {@code resource} (e.g. drc:rds:promoteReplica). */
        static Holder ofStep(String resource) {
            return jdbi -> jdbi.withHandle(h -> h.createQuery("SELECT lease_owner FROM work_items WHERE kind = 'RUN_TASK'"
                            + " AND lease_owner IS NOT NULL AND payload LIKE :pattern")
                    .bind("pattern", "%\"resource\":\"" + resource + "\"%").mapTo(String.class).findFirst())
                    .map(owner -> new Held(ClusterNode.nodeIdOf(owner), null));
        }

        /** The daemon that holds the replication job of resource kind {@code kind} (e.g. ec2-instance). */
        static Holder ofJob(String kind) {
            return jdbi -> jdbi.withHandle(h -> h.createQuery("SELECT id, lease_owner FROM replication_jobs"
                            + " WHERE lease_owner IS NOT NULL AND kind = :kind").bind("kind", kind)
                    .map((rs, ctx) -> new Held(ClusterNode.nodeIdOf(rs.getString("lease_owner")), rs.getLong("id")))
                    .findFirst());
        }
    }

    /**
     * Kills the holder of some work the first time {@code when} matches a call while the whole cluster is up;
     * {@code takeover} recognises the first call another daemon makes on that work afterwards (for a replication
     * job, a live daemon's next claim of it or look at it, read from the store, is the takeover, and {@code takeover}
     * may be null).
     */
    record KillPoint(String name, Predicate<Journal.Call> when, Holder holder, Predicate<Journal.Call> takeover) { }

    /** One kill: whom, when (wall clock), and when another daemon first acted on the work again. */
    static final class Kill {
        final String point;
        final String victim;
        final Long jobId;
        final Instant killedAt;
        final long killedNanos;
        final Predicate<Journal.Call> takeover;
        volatile Double takeoverSeconds;
        volatile String takenOverBy;

        Kill(String point, Held held, Predicate<Journal.Call> takeover) {
            this.point = point;
            this.victim = held.nodeId();
            this.jobId = held.jobId();
            this.takeover = takeover;
            this.killedAt = Instant.now();
            this.killedNanos = System.nanoTime();
        }

        /** Seconds from the kill to another daemon's first action on the work; null while none came. */
        Double takeoverSeconds() {
            return takeoverSeconds;
        }

        boolean pending() {
            return takeoverSeconds == null;
        }

        void tookOver(double seconds, String by) {
            takenOverBy = by;
            takeoverSeconds = seconds;
        }

        @Override
        public String toString() {
            return point + " (killed " + victim + ", taken over after " + takeoverSeconds + " s: " + takenOverBy + ")";
        }
    }

    /** A running daemon. */
    record Node(String id, DaemonProcess process, int appPort, int adminPort) { }

    private static final Duration STEP = Duration.ofSeconds(1);

    final Simulator simulator;
    final DemoEnvironment demo;
    final SimulatorClients aws;
    final Path workDir;
    private final KillNineConfig.Store store;
    private final Jdbi jdbi;
    private final boolean replication;
    private final java.util.function.UnaryOperator<String> configure;
    private final List<String> prefix;
    private final Pacing pacing;
    private final int size;
    private final Map<String, Node> nodes = new ConcurrentHashMap<>();
    private final List<KillPoint> armed = new CopyOnWriteArrayList<>();
    private final Set<String> fired = ConcurrentHashMap.newKeySet();
    private final List<Kill> kills = new CopyOnWriteArrayList<>();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final Journal.Hook hook;
    private final Thread pacer;
    private volatile boolean closing;
    private int started;

    /**
     * @param size      how many daemons the cluster keeps running
     * @param configure applied to every daemon's configuration text (e.g. a longer {@code aws.apiCallTimeout})
     * @param prefix    the command each daemon's JVM runs under (e.g. {@code nice -n 10}); may be empty
     */
    ClusterRig(String name, KillNineConfig.Store store, boolean replication, int size, Pacing pacing,
               double timeScale, java.util.function.UnaryOperator<String> configure, List<String> prefix) {
        try {
            workDir = Files.createDirectories(Path.of("target", "killnine", name + "-" + System.currentTimeMillis()))
                    .toAbsolutePath();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        this.simulator = Simulator.start(SimulatorOptions.defaults().withPort(0).withTimeScale(timeScale)
                .withClock(new ManualClock(Instant.now().minus(Duration.ofHours(1)))));
        this.demo = DemoSeeder.seedExisting(simulator);
        this.aws = new SimulatorClients(simulator.endpoint());
        this.store = store;
        this.jdbi = Jdbi.create(store.url(), store.user(), "");
        this.replication = replication;
        this.size = size;
        this.pacing = pacing;
        this.configure = configure;
        this.prefix = List.copyOf(prefix);
        this.hook = simulator.onCall(call -> true, this::onCall);
        this.pacer = new Thread(this::pace, "cluster-rig-simulated-time");
        pacer.setDaemon(true);
        pacer.start();
    }

    /** The store, for the test's own reads. */
    Jdbi store() {
        return jdbi;
    }

    /** Starts daemons until the cluster has {@code size} of them up (in parallel), each a new node id. */
    void fill() {
        List<Future<?>> starting = new ArrayList<>();
        ExecutorService threads = Executors.newCachedThreadPool();
        try {
            int missing;
            synchronized (this) {
                missing = size - nodes.size();
            }
            for (int i = 0; i < missing; i++) {
                int index = nextIndex();
                String id = "node-" + (index < 26 ? String.valueOf((char) ('a' + index)) : String.valueOf(index));
                starting.add(threads.submit(() -> start(id)));
            }
            for (Future<?> start : starting) {
                start.get();
            }
        } catch (Exception e) {
            throw new IllegalStateException("cannot start the cluster's daemons: " + e.getMessage(), e);
        } finally {
            threads.shutdown();
        }
    }

    private synchronized int nextIndex() {
        return started++;
    }

    /**
     * Starts a daemon with node id {@code id} and returns once its API answers. Ports are picked free and then given
     * to the daemon, so another process can take one in between: a start that could not bind is tried again.
     */
    Node start(String id) {
        for (int attempt = 1; ; attempt++) {
            try {
                return startOnce(id);
            } catch (IllegalStateException e) {
                if (attempt >= 3 || !String.valueOf(e.getMessage()).contains("Address already in use")) {
                    throw e;
                }
            }
        }
    }

    private Node startOnce(String id) {
        Path dir;
        try {
            dir = Files.createDirectories(workDir.resolve(id));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        int appPort = KillNineRig.freePort();
        int adminPort = KillNineRig.freePort();
        String yaml = configure.apply(KillNineConfig.yaml(simulator.endpoint().toString(), demo, store, replication)
                .replace("%APP_PORT%", String.valueOf(appPort)).replace("%ADMIN_PORT%", String.valueOf(adminPort))
                + "cluster:\n  nodeId: " + id + "\n");
        Path config;
        try {
            config = Files.writeString(dir.resolve("config.yml"), yaml);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        DaemonProcess process = new DaemonProcess(Path.of("target", "drc.jar").toAbsolutePath(), dir, prefix);
        Node node = new Node(id, process, appPort, adminPort);
        nodes.put(id, node);
        try {
            process.start(config, URI.create("http://127.0.0.1:" + appPort + "/api/v1/executions"),
                    KillNineRig.VIEWER);
        } catch (RuntimeException e) {
            nodes.remove(id);
            throw e;
        }
        return node;
    }

    synchronized void arm(List<KillPoint> points) {
        armed.addAll(points);
    }

    List<Kill> kills() {
        return List.copyOf(kills);
    }

    /** The daemons up now, by node id. */
    Map<String, Node> nodes() {
        return Map.copyOf(nodes);
    }

    /** True once the work of every kill was taken over by another daemon. */
    boolean takeoversDone() {
        return kills.stream().noneMatch(Kill::pending);
    }

    private void onCall(Journal.Call call) {
        for (Kill kill : kills) {
            if (kill.pending() && kill.takeover != null && kill.takeover.test(call)) {
                kill.tookOver((System.nanoTime() - kill.killedNanos) / 1e9, call.action());
            }
        }
        KillPoint point = armed.stream().filter(p -> !fired.contains(p.name()) && p.when().test(call)).findFirst()
                .orElse(null);
        if (point != null) {
            killHolder(point);
        }
    }

    /** Kills the holder of the point's work, if the whole cluster is up and someone holds it. */
    private synchronized void killHolder(KillPoint point) {
        if (fired.contains(point.name()) || !whole()) {
            return;
        }
        Optional<Held> held = point.holder().apply(jdbi);
        Node victim = held.map(h -> nodes.get(h.nodeId())).orElse(null);
        if (victim == null) {
            return;
        }
        fired.add(point.name());
        nodes.remove(victim.id());
        victim.process().kill9();
        kills.add(new Kill(point.name(), held.get(), point.takeover())); // after the death: see observeJobTakeovers
    }

    /** Kills a daemon now (not at a kill point); the caller tracks what it held. */
    synchronized void killNow(String nodeId) {
        Node victim = nodes.remove(nodeId);
        victim.process().kill9();
    }

    /**
     * A killed daemon's replication job is taken over when a live daemon acts on it in the store: claims it (its
     * {@code claimed_at}, by a daemon other than the victim) or, while its image or snapshot is pending, looks at it
     * and sets its next look without claiming it (its {@code updated_at}, no owner). Both are stamped by this host's
     * clock; the victim is dead before {@code killedAt} is passed ({@link DaemonProcess#kill9} waits), so a change
     * stamped later is a live daemon's.
     */
    private void observeJobTakeovers() {
        for (Kill kill : kills) {
            if (kill.pending() && kill.jobId != null) {
                jdbi.withHandle(h -> h.createQuery("SELECT claimed_at, updated_at, lease_owner FROM replication_jobs"
                                + " WHERE id = :id")
                        .bind("id", kill.jobId).map((rs, ctx) -> {
                            Instant claimed = instant(rs.getObject("claimed_at", OffsetDateTime.class));
                            Instant updated = instant(rs.getObject("updated_at", OffsetDateTime.class));
                            String owner = rs.getString("lease_owner");
                            if (claimed != null && claimed.isAfter(kill.killedAt)
                                    && !kill.victim.equals(ClusterNode.nodeIdOf(owner))) {
                                kill.tookOver(Duration.between(kill.killedAt, claimed).toMillis() / 1000.0,
                                        "claimed by " + owner);
                            } else if (owner == null && updated != null && updated.isAfter(kill.killedAt)) {
                                kill.tookOver(Duration.between(kill.killedAt, updated).toMillis() / 1000.0,
                                        "looked at again, unclaimed");
                            }
                            return kill;
                        }).findOne());
            }
        }
    }

    private static Instant instant(OffsetDateTime at) {
        return at == null ? null : at.toInstant();
    }

    private boolean whole() {
        return nodes.size() >= size && nodes.values().stream().allMatch(n -> n.process().ready());
    }

    /** While waiting: a daemon that exited by itself fails the test; killed ones are replaced by new nodes. */
    void keepClusterUp() {
        for (Node node : nodes.values()) {
            String crash = node.process().crashReport();
            if (crash != null) {
                throw new AssertionError(node.id() + ": " + crash);
            }
        }
        fill();
    }

    /** The API of {@code node}; null while it does not answer. */
    KillNineRig.Answer call(Node node, String method, String path, String token, String body) {
        return http("http://127.0.0.1:" + node.appPort() + path, method, token, body);
    }

    /** The API of whichever daemon answers first; null when none does. */
    KillNineRig.Answer callAny(String method, String path, String token, String body) {
        for (Node node : nodes.values()) {
            if (node.process().ready()) {
                KillNineRig.Answer answer = call(node, method, path, token, body);
                if (answer != null) {
                    return answer;
                }
            }
        }
        return null;
    }

    /** The admin port's Prometheus text of {@code node}. */
    String prometheus(Node node) {
        KillNineRig.Answer answer = http("http://127.0.0.1:" + node.adminPort() + "/metrics/prometheus", "GET", null,
                null);
        return answer == null ? "" : answer.text();
    }

    private KillNineRig.Answer http(String url, String method, String token, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10));
        if (token != null) {
            request = request.header("Authorization", "Bearer " + token);
        }
        request = body == null ? request.method(method, HttpRequest.BodyPublishers.noBody())
                : request.header("Content-Type", "application/json")
                        .method(method, HttpRequest.BodyPublishers.ofString(body));
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return KillNineRig.Answer.of(response.statusCode(), response.body());
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Polls execution {@code id} until it ends, keeping the cluster up; fails at the deadline. */
    JsonNode awaitEnd(String id, Duration limit) {
        Instant deadline = Instant.now().plus(limit);
        JsonNode last = null;
        while (true) {
            keepClusterUp();
            KillNineRig.Answer answer = callAny("GET", "/api/v1/executions/" + id, KillNineRig.VIEWER, null);
            if (answer != null && answer.status() == 200) {
                last = answer.body();
                if (Set.of("SUCCEEDED", "FAILED", "CANCELLED").contains(last.get("status").asText())) {
                    return last;
                }
            }
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("execution " + id + " did not end within " + limit + "; kills " + kills
                        + "; last seen " + (last == null ? null : last.toPrettyString()));
            }
            DaemonProcess.pause(100);
        }
    }

    /**
     * Waits for a successful call of {@code action} after {@code seq}: the RTO metric goes out from the daemon that
     * stored the recovered mark, possibly after another daemon ended the execution.
     */
    void awaitCall(String action, long seq, Duration limit) {
        Instant deadline = Instant.now().plus(limit);
        while (simulator.journal().select(c -> c.seq() > seq && c.action().equals(action) && c.status() == 200)
                .isEmpty()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("no " + action + " within " + limit);
            }
            DaemonProcess.pause(100);
        }
    }

    private void pace() {
        long lastNanos = System.nanoTime();
        while (!closing) {
            try {
                observeJobTakeovers();
            } catch (RuntimeException e) {
                // the store is busy or gone (closing): look again next round
            }
            long now = System.nanoTime();
            if (pacing == Pacing.REAL_TIME) {
                simulator.manualClock().advance(Duration.ofNanos(now - lastNanos));
            } else if (whole() && takeoversDone()) {
                simulator.manualClock().advance(STEP);
            }
            lastNanos = now;
            try {
                Thread.sleep(50); // paces simulated time against the daemons' real-time polling
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    @Override
    public void close() {
        closing = true;
        hook.close();
        for (Node node : nodes.values()) {
            node.process().stop();
        }
        simulator.close();
    }
}
