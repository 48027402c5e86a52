package io.drc.controller.killnine;

import com.fasterxml.jackson.databind.JsonNode;
import io.drc.controller.cluster.ClusterNode;
import io.drc.controller.testing.PostgresServer;
import io.drc.simulator.core.Journal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Jdbi;

/**
 * Not a test: how long a failover waits when the daemon running it dies. Each trial starts two packaged daemons on a
 * fresh PostgreSQL database and a fresh demo-seeded simulator (durations scaled by 0.05, as config/demo.yml; simulated
 * time runs with the wall clock, so AWS keeps working while a daemon is dead), posts a pilot-light failover, and at a
 * random moment within the baseline RTO SIGKILLs a daemon holding a step of it. It prints, over the trials: takeover
 * seconds (from the kill to another daemon's claim of — or result for — a step the dead one held) p50/p99/max, the RTO
 * the kill added (trial RTO − median RTO of kill-free runs) p50/p99, and duplicated mutating AWS actions (an action
 * applied twice to one resource; Route 53 batches re-stating the same weights are counted apart: they are how a
 * successor learns a change id, not a second change).
 *
 * <p>Run after {@code package} (it starts {@code target/drc.jar}):
 * {@code mvn -B -q -Pbench -pl controller -am package -DskipTests -Dbench.skipReplication=true -Dbench.skipRto=true
 * -Dbench.skipTakeover=false} (README, "Takeover benchmark"); {@code -Dbench.trials=N} (default 20).
 */
public final class TakeoverBench {
    static final double TIME_SCALE = 0.05;
    static final int BASELINE_RUNS = 3;

    /** One failover: its RTO, the kill (if any), the takeover, and the mutating actions applied more than once. */
    record Trial(double rtoSeconds, Double killAfterSeconds, Double takeoverSeconds, int duplicates, int restatements,
                 String status) { }

    public static void main(String[] args) throws Exception {
        ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME))
                .setLevel(ch.qos.logback.classic.Level.WARN);
        int trials = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        Random random = new Random(args.length > 1 ? Long.parseLong(args[1]) : 12);
        Instant started = Instant.now();
        try (PostgresServer postgres = PostgresServer.start()) {
            List<Trial> baseline = new ArrayList<>();
            for (int i = 0; i < BASELINE_RUNS; i++) {
                baseline.add(run(postgres, "bench-baseline-" + i, null));
                System.out.printf("baseline %d: %s%n", i + 1, baseline.get(i));
            }
            double baselineRto = median(baseline.stream().map(Trial::rtoSeconds).toList());
            List<Trial> killed = new ArrayList<>();
            for (int i = 0; i < trials; i++) {
                double killAfter = random.nextDouble() * baselineRto;
                Trial trial = run(postgres, "bench-kill-" + i, killAfter);
                killed.add(trial);
                System.out.printf("trial %d: %s%n", i + 1, trial);
            }
            report(baseline, baselineRto, killed, Duration.between(started, Instant.now()));
        }
        System.exit(0);
    }

    /** One failover on a fresh store and simulator; {@code killAfter} null runs it without a kill. */
    static Trial run(PostgresServer postgres, String name, Double killAfter) throws Exception {
        var store = KillNineConfig.Store.postgres(postgres.createDatabase(), postgres.user());
        try (ClusterRig rig = new ClusterRig(name, store, false, 2, ClusterRig.Pacing.REAL_TIME, TIME_SCALE,
                UnaryOperator.identity(), List.of())) {
            rig.fill();
            long seeded = rig.simulator.journal().lastSeq();
            KillNineRig.Answer posted = rig.callAny("POST", "/api/v1/failovers", KillNineRig.OPERATOR,
                    "{\"confirm\": \"us-west-2\", \"reason\": \"takeover benchmark\"}");
            if (posted == null || posted.status() != 202) {
                throw new IllegalStateException("failover not accepted: " + (posted == null ? null : posted.body()));
            }
            String id = posted.body().get("id").asText();
            Instant postedAt = Instant.now();
            Double takeover = null;
            Double killedAfter = null;
            if (killAfter != null) {
                DaemonProcess.pause((long) (killAfter * 1000));
                Victim victim = killAHolder(rig, Duration.ofSeconds(30));
                if (victim != null) {
                    killedAfter = Duration.between(postedAt, victim.killedAt).toMillis() / 1000.0;
                    takeover = awaitTakeover(rig.store(), victim, Duration.ofMinutes(2));
                }
            }
            JsonNode done = awaitEnd(rig, id, Duration.ofMinutes(4));
            int[] duplicates = duplicates(rig.simulator.journal(), seeded);
            return new Trial(done.get("rtoSeconds").asDouble(), killedAfter, takeover, duplicates[0], duplicates[1],
                    done.get("status").asText());
        }
    }

    /** A daemon killed while holding work items: its owner tag and the items it held. */
    record Victim(String ownerTag, List<Long> items, Instant killedAt, long killedNanos) { }

    /** Kills a daemon holding a work item of the failover now (waiting for one to hold one, polling every 10 ms). */
    static Victim killAHolder(ClusterRig rig, Duration patience) {
        Instant deadline = Instant.now().plus(patience);
        while (Instant.now().isBefore(deadline)) {
            Map<String, List<Long>> held = rig.store().withHandle(h -> h.createQuery(
                            "SELECT id, lease_owner FROM work_items WHERE lease_owner IS NOT NULL")
                    .map((rs, ctx) -> Map.entry(rs.getString("lease_owner"), rs.getLong("id"))).list()).stream()
                    .collect(Collectors.groupingBy(Map.Entry::getKey,
                            Collectors.mapping(Map.Entry::getValue, Collectors.toList())));
            for (var holder : held.entrySet()) {
                ClusterRig.Node node = rig.nodes().get(ClusterNode.nodeIdOf(holder.getKey()));
                if (node != null && node.process().ready()) {
                    rig.killNow(node.id());
                    return new Victim(holder.getKey(), holder.getValue(), Instant.now(), System.nanoTime());
                }
            }
            DaemonProcess.pause(10);
        }
        return null; // the execution ended, or nothing was held at this moment of it
    }

    /**
     * Seconds from the kill until another daemon claimed one of the items the victim held, or stored its result (the
     * item is gone): the survivor's first action on the dead one's work.
     */
    static Double awaitTakeover(Jdbi store, Victim victim, Duration patience) {
        Instant deadline = Instant.now().plus(patience);
        while (Instant.now().isBefore(deadline)) {
            List<String> owners = store.withHandle(h -> h.createQuery(
                            "SELECT COALESCE(lease_owner, '-') FROM work_items WHERE id IN (<ids>)")
                    .bindList("ids", victim.items()).mapTo(String.class).list());
            if (owners.size() < victim.items().size() || owners.stream().anyMatch(o -> !o.equals(victim.ownerTag()))) {
                return (System.nanoTime() - victim.killedNanos()) / 1e9;
            }
            DaemonProcess.pause(20);
        }
        return null;
    }

    static JsonNode awaitEnd(ClusterRig rig, String id, Duration limit) {
        Instant deadline = Instant.now().plus(limit);
        while (Instant.now().isBefore(deadline)) {
            KillNineRig.Answer answer = rig.callAny("GET", "/api/v1/executions/" + id, KillNineRig.VIEWER, null);
            if (answer != null && answer.status() == 200
                    && List.of("SUCCEEDED", "FAILED", "CANCELLED").contains(answer.body().get("status").asText())) {
                return answer.body();
            }
            DaemonProcess.pause(100);
        }
        throw new IllegalStateException("execution " + id + " did not end within " + limit);
    }

    /**
     * [mutating actions applied more than once to one resource, Route 53 batches re-stating weights already set]
     * since {@code seq}.
     */
    static int[] duplicates(Journal journal, long seq) {
        List<Journal.Call> changes = journal.select(c -> c.seq() > seq && c.mutating() && c.status() == 200);
        Map<String, Long> perResource = changes.stream()
                .collect(Collectors.groupingBy(c -> c.region() + " " + c.action() + " " + FailoverKillNineIT.resource(c)
                        + (c.action().equals("ChangeResourceRecordSets") ? " " + FailoverKillNineIT.weightsIn(c) : ""),
                        Collectors.counting()));
        int duplicates = 0;
        int restatements = 0;
        for (var entry : perResource.entrySet()) {
            int extra = (int) (entry.getValue() - 1);
            if (entry.getKey().contains("ChangeResourceRecordSets")) {
                restatements += extra;
            } else {
                duplicates += extra;
            }
        }
        long weightSets = perResource.keySet().stream().filter(k -> k.contains("ChangeResourceRecordSets")).count();
        return new int[] {duplicates + (int) Math.max(0, weightSets - 1), restatements};
    }

    static void report(List<Trial> baseline, double baselineRto, List<Trial> killed, Duration wall) {
        List<Double> takeovers = killed.stream().map(Trial::takeoverSeconds).filter(t -> t != null).toList();
        List<Double> added = killed.stream().map(t -> t.rtoSeconds() - baselineRto).toList();
        System.out.println();
        System.out.printf("takeover benchmark: %d kill trials at random moments of a pilot-light failover, two daemons,"
                + " cluster.heartbeatInterval 5s, deadAfter 15s, simulator timeScale %.2f (%s wall)%n", killed.size(),
                TIME_SCALE, wall.truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
        System.out.printf("baseline RTO without a kill (median of %d): %.1f s%n", baseline.size(), baselineRto);
        System.out.printf("takeover s  (%d kills of a holder): p50 %.1f  p99 %.1f  max %.1f%n", takeovers.size(),
                percentile(takeovers, 50), percentile(takeovers, 99), percentile(takeovers, 100));
        System.out.printf("RTO added s (trial RTO - baseline):  p50 %.1f  p99 %.1f  (min %.1f)%n",
                percentile(added, 50), percentile(added, 99), percentile(added, 0));
        System.out.printf("duplicated mutating actions: %d (Route 53 re-statements of set weights: %d)%n",
                killed.stream().mapToInt(Trial::duplicates).sum() + baseline.stream().mapToInt(Trial::duplicates).sum(),
                killed.stream().mapToInt(Trial::restatements).sum());
        System.out.printf("executions not SUCCEEDED: %d%n",
                killed.stream().filter(t -> !t.status().equals("SUCCEEDED")).count());
    }

    static double median(List<Double> values) {
        return percentile(values, 50);
    }

    /** Nearest-rank percentile; 0 is the minimum, 100 the maximum. */
    static double percentile(List<Double> values, int p) {
        if (values.isEmpty()) {
            return Double.NaN;
        }
        List<Double> sorted = values.stream().sorted(Comparator.naturalOrder()).toList();
        int rank = (int) Math.ceil(p / 100.0 * sorted.size());
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, rank - 1)));
    }
}
