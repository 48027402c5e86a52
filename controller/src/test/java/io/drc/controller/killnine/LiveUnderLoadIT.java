package io.drc.controller.killnine;

import static io.drc.controller.killnine.FailoverKillNineIT.applied;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.drc.controller.killnine.ClusterRig.Holder;
import io.drc.controller.killnine.ClusterRig.Node;
import io.drc.controller.testing.PostgresServer;
import io.drc.controller.testing.SharedPostgres;
import io.drc.simulator.core.FaultRule;
import io.drc.simulator.core.Journal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Issue 12, for real: two packaged daemons on one PostgreSQL, both JVMs niced and starved of CPU by busy threads.
 *
 * <ol>
 *   <li>The simulator holds {@code PromoteReadReplica} for 25 s (a DELAY fault), longer than the liveness window
 *       (dead after 15 s): the daemon in that call keeps its step — its heartbeat thread renews it — so the promotion
 *       is sent once, both daemons stay listed alive, and nothing is refused.</li>
 *   <li>The daemon awaiting the promotion is frozen with SIGSTOP in the middle of its call (its heartbeat stops, as
 *       in a long GC pause): within the liveness window {@code GET /api/v1/cluster} lists only the other daemon,
 *       which takes the step over; continued with SIGCONT, the frozen daemon's late result is refused (fenced,
 *       {@code drc_claims_refused} 1) and it joins the cluster again.</li>
 * </ol>
 * The failover succeeds and every change was applied once per resource.
 */
@ExtendWith(SharedPostgres.class)
class LiveUnderLoadIT {
    static final String DR = FailoverKillNineIT.DR;
    static final Duration SLOW_CALL = Duration.ofSeconds(25);
    static final double DEAD_AFTER_SECONDS = 15;
    static final Duration WITHIN = Duration.ofSeconds(20);
    private static final Pattern REFUSED = Pattern.compile("(?m)^drc_claims_refused ([0-9.]+)");

    @Test
    void aStarvedDaemonInASlowCallKeepsItsStepAndAFrozenDaemonsLateResultIsRefused(PostgresServer postgres)
            throws Exception {
        var store = KillNineConfig.Store.postgres(postgres.createDatabase(), postgres.user());
        try (ClusterRig rig = new ClusterRig("cluster-load", store, false, 2, ClusterRig.Pacing.FROZEN_WHILE_DEGRADED,
                1.0, yaml -> yaml.replace("apiCallTimeout: 10s", "apiCallTimeout: 60s"), List.of("nice", "-n", "10"))) {
            var timings = rig.simulator.world().timings();
            timings.set("rds.promote", FailoverKillNineIT.PROMOTE);
            timings.set("autoscaling.instance.launch", FailoverKillNineIT.LAUNCH);
            timings.set("elbv2.target.healthy", FailoverKillNineIT.HEALTHY);
            timings.set("route53.change.insync", FailoverKillNineIT.INSYNC);
            Journal journal = rig.simulator.journal();
            long seeded = journal.lastSeq();
            rig.fill();

            // 1. a call slower than the liveness window, on starved JVMs
            rig.simulator.faults().add(new FaultRule(null, FaultRule.Kind.DELAY, DR, "rds", "PromoteReadReplica", 1.0,
                    SLOW_CALL.toMillis(), 1));
            KillNineRig.Answer posted = rig.callAny("POST", "/api/v1/failovers", KillNineRig.OPERATOR,
                    "{\"confirm\": \"us-west-2\", \"reason\": \"slow call, starved daemons\"}");
            assertThat(posted).isNotNull();
            assertThat(posted.status()).as("%s", posted.body()).isEqualTo(202);
            String id = posted.body().get("id").asText();
            double worstHeartbeatAge;
            try (Burners ignored = new Burners(2)) { // starving from here, while the promotion is held
                worstHeartbeatAge = watchWhile(rig, () -> journal.select(c -> applied(c, "PromoteReadReplica", DR))
                        .isEmpty(), Duration.ofSeconds(90));
            }
            System.out.println("worst heartbeat age seen during the slow call: " + worstHeartbeatAge + " s");
            assertThat(worstHeartbeatAge).as("heartbeats stayed fresh").isLessThan(DEAD_AFTER_SECONDS);
            assertThat(rig.nodes().values()).allSatisfy(node -> assertThat(refused(rig, node)).isZero());

            // 2. freeze the daemon awaiting the promotion in the middle of its call
            AtomicReference<Node> frozen = new AtomicReference<>();
            AtomicReference<Instant> frozenAt = new AtomicReference<>();
            AtomicReference<Instant> takenOverAt = new AtomicReference<>();
            AtomicBoolean armed = new AtomicBoolean(true);
            Journal.Hook freeze = rig.simulator.onCall(c -> applied(c, "DescribeDBInstances", DR), call -> {
                if (frozenAt.get() != null) {
                    if (takenOverAt.get() == null) {
                        takenOverAt.set(Instant.now()); // the frozen daemon cannot call: another daemon does
                    }
                    return;
                }
                if (!armed.get()) {
                    return;
                }
                Holder.ofStep("drc:rds:awaitAvailable").apply(rig.store()).map(h -> rig.nodes().get(h.nodeId()))
                        .ifPresent(node -> {
                            armed.set(false);
                            node.process().signal("STOP");
                            frozen.set(node);
                            frozenAt.set(Instant.now());
                        });
            });
            try {
                awaitTrue(() -> frozenAt.get() != null, Duration.ofMinutes(1), "a daemon awaiting the promotion");
                Node survivor = rig.nodes().values().stream().filter(n -> n != frozen.get()).findFirst().orElseThrow();
                awaitTrue(() -> listedAlone(rig, survivor, frozen.get().id()), WITHIN,
                        "GET /api/v1/cluster lists only " + survivor.id());
                Duration listedAloneAfter = Duration.between(frozenAt.get(), Instant.now());
                awaitTrue(() -> takenOverAt.get() != null, WITHIN, "the step taken over");
                Duration takeover = Duration.between(frozenAt.get(), takenOverAt.get());
                System.out.println("frozen " + frozen.get().id() + ": listed alone after " + listedAloneAfter
                        + ", step taken over after " + takeover);
                assertThat(takeover).isLessThanOrEqualTo(WITHIN);

                frozen.get().process().signal("CONT");
                awaitTrue(() -> refused(rig, frozen.get()) >= 1, Duration.ofSeconds(30),
                        frozen.get().id() + "'s late result refused");
                awaitTrue(() -> listedAlive(rig, survivor, frozen.get().id()), WITHIN,
                        frozen.get().id() + " alive again");
            } finally {
                freeze.close();
                if (frozen.get() != null) {
                    frozen.get().process().signal("CONT");
                }
            }

            JsonNode done = rig.awaitEnd(id, Duration.ofMinutes(5));
            assertThat(done.get("status").asText()).as(done.toPrettyString()).isEqualTo("SUCCEEDED");
            rig.awaitCall("PutMetricData", seeded, Duration.ofSeconds(60));
            FailoverKillNineIT.assertEachChangeAppliedOnce(rig.simulator, rig.demo, rig.aws, seeded, done);
            assertThat(refused(rig, rig.nodes().values().stream().filter(n -> n != frozen.get()).findFirst()
                    .orElseThrow())).as("the survivor stored all it computed").isZero();
        }
    }

    /**
     * Polls {@code GET /api/v1/cluster} while {@code condition} holds (or until {@code limit}); returns the oldest
     * heartbeat of a listed daemon seen, and fails if a daemon was ever listed departed.
     */
    static double watchWhile(ClusterRig rig, BooleanSupplier condition, Duration limit) {
        Instant deadline = Instant.now().plus(limit);
        double worst = 0;
        while (condition.getAsBoolean()) {
            assertThat(Instant.now()).as("the slow call came back within %s", limit).isBefore(deadline);
            KillNineRig.Answer answer = rig.callAny("GET", "/api/v1/cluster", KillNineRig.VIEWER, null);
            if (answer != null && answer.status() == 200) {
                assertThat(answer.body().get("items")).as("%s", answer.body()).hasSize(2);
                assertThat(answer.body().get("departed")).as("%s", answer.body()).isEmpty();
                for (JsonNode node : answer.body().get("items")) {
                    worst = Math.max(worst, node.get("heartbeatAgeSeconds").asDouble());
                }
            }
            DaemonProcess.pause(500);
        }
        return worst;
    }

    static boolean listedAlone(ClusterRig rig, Node survivor, String frozen) {
        KillNineRig.Answer answer = rig.call(survivor, "GET", "/api/v1/cluster", KillNineRig.VIEWER, null);
        if (answer == null || answer.status() != 200) {
            return false;
        }
        List<String> items = ids(answer.body().get("items"));
        return items.equals(List.of(survivor.id())) && ids(answer.body().get("departed")).contains(frozen);
    }

    static boolean listedAlive(ClusterRig rig, Node survivor, String node) {
        KillNineRig.Answer answer = rig.call(survivor, "GET", "/api/v1/cluster", KillNineRig.VIEWER, null);
        return answer != null && answer.status() == 200 && ids(answer.body().get("items")).contains(node);
    }

    static List<String> ids(JsonNode nodes) {
        List<String> ids = new ArrayList<>();
        nodes.forEach(n -> ids.add(n.get("nodeId").asText()));
        return ids;
    }

    /** {@code drc_claims_refused} of {@code node}'s Prometheus endpoint; -1 while it does not answer. */
    static double refused(ClusterRig rig, Node node) {
        Matcher m = REFUSED.matcher(rig.prometheus(node));
        return m.find() ? Double.parseDouble(m.group(1)) : -1;
    }

    static void awaitTrue(BooleanSupplier condition, Duration limit, String what) {
        Instant deadline = Instant.now().plus(limit);
        while (!condition.getAsBoolean()) {
            assertThat(Instant.now()).as(what + " within " + limit).isBefore(deadline);
            DaemonProcess.pause(100);
        }
    }

    /** Busy threads that compete with the (niced) daemons for the machine's CPUs while they run. */
    static final class Burners implements AutoCloseable {
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final List<Thread> threads = new ArrayList<>();

        Burners(int count) {
            for (int i = 0; i < count; i++) {
                Thread thread = new Thread(() -> {
                    long x = 0;
                    while (running.get()) {
                        x = x * 31 + 7; // burn CPU
                    }
                    if (x == 42) {
                        System.out.print("");
                    }
                }, "cpu-burner-" + i);
                thread.setDaemon(true);
                thread.start();
                threads.add(thread);
            }
        }

        @Override
        public void close() throws InterruptedException {
            running.set(false);
            for (Thread thread : threads) {
                thread.join();
            }
        }
    }
}
