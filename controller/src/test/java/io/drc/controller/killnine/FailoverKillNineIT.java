package io.drc.controller.killnine;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.drc.controller.killnine.KillNineRig.KillPoint;
import io.drc.controller.testing.PostgresServer;
import io.drc.controller.testing.SharedPostgres;
import io.drc.simulator.core.Journal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Issue 4, for real: the packaged daemon on PostgreSQL runs the shipped pilot-light failover and is killed with
 * SIGKILL at twelve points of that one execution — right after the POST returned, just after each mutating AWS
 * call was applied (before the daemon heard the answer), and while it awaited a promotion, instances, healthy
 * targets and DNS INSYNC. After each kill it is restarted on the same store; the execution succeeds and the
 * simulator's journal shows each change applied once per resource.
 */
@ExtendWith(SharedPostgres.class)
class FailoverKillNineIT {
    static final String DR = "us-west-2";
    static final String PRIMARY = "us-east-1";
    static final Duration PROMOTE = Duration.ofSeconds(120);
    static final Duration LAUNCH = Duration.ofSeconds(60);
    /** Long enough that a daemon restarted after seeing InService still finds the targets unhealthy. */
    static final Duration HEALTHY = Duration.ofSeconds(240);
    static final Duration INSYNC = Duration.ofSeconds(60);

    @Test
    void aFailoverKilledAtTwelvePointsCompletesAndAppliesEachChangeOnce(PostgresServer postgres) {
        try (KillNineRig rig = new KillNineRig("failover-postgres")) {
            var store = KillNineConfig.Store.postgres(postgres.createDatabase(), postgres.user());
            rig.simulator.world().timings().set("elbv2.target.healthy", HEALTHY);
            long seeded = rig.simulator.journal().lastSeq();
            JsonNode done = failOverWithKills(rig, store, killPoints(rig.simulator.journal()));

            assertThat(done.get("status").asText()).as(done.toPrettyString()).isEqualTo("SUCCEEDED");
            System.out.println("kill points, in the order they were passed: " + rig.killsInOrder());
            // the 11 kill points, and the kill right after the POST unless the first kill point came before it
            List<String> kills = rig.killsInOrder();
            assertThat(kills).as("kill points passed").containsAll(
                    killPoints(rig.simulator.journal()).stream().map(KillPoint::name).toList())
                    .hasSizeBetween(11, 12).doesNotHaveDuplicates();
            assertThat(rig.daemonStarts()).isEqualTo(kills.size() + 1);
            assertThat(rig.killExits()).as("exit statuses: SIGKILL").hasSize(kills.size())
                    .containsOnly(DaemonProcess.SIGKILL_EXIT);
            assertEachChangeAppliedOnce(rig, seeded, done);
        }
    }

    /**
     * The demo's store: an H2 file with {@code WRITE_DELAY=0}. The kill right after the POST returned is the one
     * H2's default write delay fails: the new execution, committed a moment earlier, was not yet in the file.
     */
    @Test
    void aFailoverOnTheH2FileStoreSurvivesKillNineToo() {
        try (KillNineRig rig = new KillNineRig("failover-h2")) {
            var store = KillNineConfig.Store.h2(rig.workDir.resolve("data").resolve("drc"));
            long seeded = rig.simulator.journal().lastSeq();
            rig.simulator.world().timings().set("elbv2.target.healthy", LAUNCH); // no kill point waits for it here
            JsonNode done = failOverWithKills(rig, store, List.of());

            assertThat(done.get("status").asText()).as(done.toPrettyString()).isEqualTo("SUCCEEDED");
            assertThat(rig.killsInOrder()).hasSize(1);
            assertThat(rig.killExits()).containsOnly(DaemonProcess.SIGKILL_EXIT);
            assertEachChangeAppliedOnce(rig, seeded, done);
        }
    }

    /** Starts the daemon, posts the failover, kills it right after, then restarts it after every kill point. */
    static JsonNode failOverWithKills(KillNineRig rig, KillNineConfig.Store store, List<KillPoint> points) {
        var timings = rig.simulator.world().timings();
        timings.set("rds.promote", PROMOTE);
        timings.set("autoscaling.instance.launch", LAUNCH);
        timings.set("route53.change.insync", INSYNC);
        rig.arm(points);
        rig.startDaemon(KillNineConfig.yaml(rig, store, false));
        KillNineRig.Answer posted = rig.call("POST", "/api/v1/failovers", KillNineRig.OPERATOR,
                "{\"confirm\": \"us-west-2\", \"reason\": \"kill -9 test\"}");
        // On an idle machine the runner reaches its first kill point (its first change in DR) within milliseconds
        // of the execution being stored: before the answer is read, or even sent. That kill then is the kill
        // "right after the POST", and the execution, stored before any step ran, must be found after the restart.
        String id;
        if (posted == null) {
            assertThat(rig.killsInOrder()).as("no answer to the POST: a kill point took the daemon down").hasSize(1);
            id = onlyExecution(rig);
        } else {
            assertThat(posted.status()).as("%s", posted.body()).isEqualTo(202);
            id = posted.body().get("id").asText();
            boolean killed = rig.killNow("right after POST /api/v1/failovers returned");
            assertThat(killed || rig.killsInOrder().size() == 1).as("killed right after the POST, or by a kill point "
                    + "before it: %s", rig.killsInOrder()).isTrue();
        }
        // 13 daemon starts and ~4 min of simulated AWS time: 4 min of wall time was missed by 4 s at load 22 on 2 cores
        return awaitEnd(rig, id, Duration.ofMinutes(8));
    }

    /** The one execution the restarted daemon knows of (the POST got no answer, so its id is read back). */
    static String onlyExecution(KillNineRig rig) {
        Instant deadline = Instant.now().plus(Duration.ofMinutes(2));
        while (true) {
            rig.keepDaemonUp();
            KillNineRig.Answer list = rig.call("GET", "/api/v1/executions", KillNineRig.VIEWER, null);
            if (list != null && list.status() == 200) {
                JsonNode executions = list.body().get("items");
                assertThat(executions).as("executions after the restart: %s", list.text()).hasSize(1);
                return executions.get(0).get("id").asText();
            }
            assertThat(Instant.now()).as("the restarted daemon answered GET /api/v1/executions").isBefore(deadline);
            DaemonProcess.pause(100);
        }
    }

    static JsonNode awaitEnd(KillNineRig rig, String id, Duration limit) {
        Instant deadline = Instant.now().plus(limit);
        JsonNode last = null;
        while (true) {
            rig.keepDaemonUp();
            KillNineRig.Answer answer = rig.call("GET", "/api/v1/executions/" + id, KillNineRig.VIEWER, null);
            assertThat(answer == null ? 200 : answer.status())
                    .as("GET of execution %s, accepted before the kills %s: %s", id, rig.killsInOrder(),
                            answer == null ? null : answer.body()).isEqualTo(200);
            if (answer != null) {
                last = answer.body();
                if (Set.of("SUCCEEDED", "FAILED", "CANCELLED").contains(last.get("status").asText())) {
                    return last;
                }
            }
            assertThat(Instant.now()).as("execution %s ended by the deadline; kills so far %s; last seen %s", id,
                    rig.killsInOrder(), last == null ? null : last.toPrettyString()).isBefore(deadline);
            DaemonProcess.pause(100);
        }
    }

    /** Every moment of a pilot-light failover worth dying at. Each fires once, the first time it matches. */
    static List<KillPoint> killPoints(Journal journal) {
        return List.of(
                new KillPoint("PromoteReadReplica applied", c -> applied(c, "PromoteReadReplica", DR)),
                new KillPoint("UpdateAutoScalingGroup (scale DR to full) applied",
                        c -> applied(c, "UpdateAutoScalingGroup", DR)),
                new KillPoint("awaiting the promotion", c -> read(c, "DescribeDBInstances", DR)
                        && since(journal, c, "PromoteReadReplica", DR).filter(d -> d.compareTo(PROMOTE) < 0).isPresent()),
                new KillPoint("promotion finished, not yet seen", c -> read(c, "DescribeDBInstances", DR)
                        && since(journal, c, "PromoteReadReplica", DR).filter(d -> d.compareTo(PROMOTE) > 0).isPresent()),
                new KillPoint("awaiting InService", c -> read(c, "DescribeAutoScalingGroups", DR)
                        && since(journal, c, "UpdateAutoScalingGroup", DR).filter(d -> d.compareTo(LAUNCH) < 0).isPresent()),
                new KillPoint("InService, not yet seen", c -> read(c, "DescribeAutoScalingGroups", DR)
                        && since(journal, c, "UpdateAutoScalingGroup", DR).filter(d -> d.compareTo(LAUNCH) > 0).isPresent()),
                new KillPoint("awaiting healthy targets", c -> read(c, "DescribeTargetHealth", DR)
                        && since(journal, c, "UpdateAutoScalingGroup", DR)
                                .filter(d -> d.compareTo(LAUNCH.plus(HEALTHY)) < 0).isPresent()),
                new KillPoint("ChangeResourceRecordSets applied", c -> applied(c, "ChangeResourceRecordSets", PRIMARY)),
                new KillPoint("awaiting INSYNC", c -> read(c, "GetChange", PRIMARY)
                        && since(journal, c, "ChangeResourceRecordSets", PRIMARY)
                                .filter(d -> d.compareTo(INSYNC) < 0).isPresent()),
                new KillPoint("PutMetricData (AchievedRTO) applied", c -> applied(c, "PutMetricData", DR)),
                new KillPoint("UpdateAutoScalingGroup (fence the primary) applied",
                        c -> applied(c, "UpdateAutoScalingGroup", PRIMARY)));
    }

    static boolean applied(Journal.Call call, String action, String region) {
        return call.status() == 200 && call.action().equals(action) && call.region().equals(region);
    }

    static boolean read(Journal.Call call, String action, String region) {
        return applied(call, action, region);
    }

    /** Simulated time from the latest successful {@code action} before {@code call} to {@code call}. */
    static Optional<Duration> since(Journal journal, Journal.Call call, String action, String region) {
        return journal.select(c -> c.seq() < call.seq() && applied(c, action, region)).stream()
                .reduce((first, second) -> second).map(latest -> Duration.between(latest.at(), call.at()));
    }

    /**
     * Each mutating action was applied once per resource. The one repeat allowed is a Route 53 batch that
     * re-states the weights already set (what a daemon killed before Route 53's answer sends to learn a change
     * id it can await): a repeated idempotent call, not a second change.
     */
    static void assertEachChangeAppliedOnce(KillNineRig rig, long since, JsonNode done) {
        assertEachChangeAppliedOnce(rig.simulator, rig.demo, rig.aws, since, done);
    }

    static void assertEachChangeAppliedOnce(io.drc.simulator.Simulator simulator, io.drc.simulator.demo.DemoEnvironment demo,
                                            io.drc.simulator.SimulatorClients aws, long since, JsonNode done) {
        assertThat(done.get("rtoSeconds").isNull()).as("rtoSeconds of %s", done).isFalse();
        List<Journal.Call> changes = simulator.journal()
                .select(c -> c.seq() > since && c.mutating() && c.status() == 200);
        Map<String, Long> perResource = changes.stream().filter(c -> !c.action().equals("ChangeResourceRecordSets"))
                .collect(Collectors.groupingBy(c -> c.region() + " " + c.action() + " " + resource(c),
                        Collectors.counting()));
        assertThat(perResource).containsOnly(
                Map.entry("us-west-2 PromoteReadReplica shop-db-replica", 1L),
                Map.entry("us-west-2 UpdateAutoScalingGroup web", 1L),
                Map.entry("us-east-1 UpdateAutoScalingGroup web", 1L),
                Map.entry("us-west-2 PutMetricData DRC", 1L));
        List<Journal.Call> dnsBatches = changes.stream().filter(c -> c.action().equals("ChangeResourceRecordSets"))
                .toList();
        assertThat(dnsBatches).as("Route 53 batches").isNotEmpty()
                .allSatisfy(c -> assertThat(resource(c)).isEqualTo(demo.hostedZoneId()))
                .allSatisfy(c -> assertThat(weightsIn(c)).as("weights of batch %s", c.seq())
                        .containsExactlyInAnyOrder("primary=0", "dr=100"));
        // RTO ends when the recovered region serves: the DNS change must have been INSYNC before it was measured
        Journal.Call rto = changes.stream().filter(c -> c.action().equals("PutMetricData")).findFirst().orElseThrow();
        Journal.Call lastBatch = dnsBatches.get(dnsBatches.size() - 1);
        assertThat(rto.at()).as("AchievedRTO published only once the DNS change was INSYNC")
                .isAfterOrEqualTo(lastBatch.at().plus(INSYNC));
        assertThat(aws.route53().listResourceRecordSets(r -> r.hostedZoneId(demo.hostedZoneId()))
                .resourceRecordSets().stream().filter(s -> s.setIdentifier() != null)
                .collect(Collectors.toMap(s -> s.setIdentifier(), s -> s.weight())))
                .containsEntry("dr", 100L).containsEntry("primary", 0L);
    }

    /** "setId=weight" of every record set in a journaled ChangeResourceRecordSets call. */
    static List<String> weightsIn(Journal.Call batch) {
        return batch.params().entrySet().stream().filter(e -> e.getKey().endsWith("SetIdentifier"))
                .map(e -> e.getValue() + "=" + batch.params().get(
                        e.getKey().substring(0, e.getKey().length() - "SetIdentifier".length()) + "Weight"))
                .toList();
    }

    static String resource(Journal.Call call) {
        for (String key : List.of("DBInstanceIdentifier", "AutoScalingGroupName", "HostedZoneId", "Id", "Namespace")) {
            if (call.params().containsKey(key)) {
                return call.params().get(key);
            }
        }
        return call.params().toString();
    }
}
