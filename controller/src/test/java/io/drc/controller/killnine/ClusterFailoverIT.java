package io.drc.controller.killnine;

import static io.drc.controller.killnine.FailoverKillNineIT.applied;
import static io.drc.controller.killnine.FailoverKillNineIT.since;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.drc.controller.killnine.ClusterRig.Holder;
import io.drc.controller.killnine.ClusterRig.KillPoint;
import io.drc.controller.testing.PostgresServer;
import io.drc.controller.testing.SharedPostgres;
import io.drc.simulator.core.Journal;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Issue 12, for real: two packaged daemons on one PostgreSQL run the shipped pilot-light failover with the default
 * liveness settings (heartbeat 5 s, dead after 15 s). At five points of the execution the daemon holding the step
 * at hand is killed with SIGKILL — right after it made a change in AWS, or while it awaits one — and a new daemon
 * joins in its place. Each time, another daemon acts on the step within 20 s of the kill; the execution succeeds and
 * every change was applied once per resource.
 */
@ExtendWith(SharedPostgres.class)
class ClusterFailoverIT {
    static final String DR = FailoverKillNineIT.DR;
    static final String PRIMARY = FailoverKillNineIT.PRIMARY;
    static final Duration TAKEOVER_LIMIT = Duration.ofSeconds(20);
    /**
     * How long Route 53 takes to make a change INSYNC here: five times {@link FailoverKillNineIT#INSYNC}. A daemon
     * that replaces a killed one claims steps before the rig counts it ready (its runner starts before its HTTP
     * connectors), and a GetChange made then cannot kill (the cluster is not whole); the await step looks again
     * {@code AwaitDnsChangeHandler.POLL} (5 s) later. With 60 simulated seconds (3 s of the rig's time) that look
     * came after INSYNC and the "awaiting INSYNC" kill point was never reached (2 CI runs of ~6); with 300 (15 s)
     * two more looks come while the change is pending.
     */
    static final Duration INSYNC = FailoverKillNineIT.INSYNC.multipliedBy(5);

    @Test
    void theDaemonHoldingAStepIsKilledAtFivePointsAndASurvivorTakesEachOverWithin20Seconds(PostgresServer postgres) {
        var store = KillNineConfig.Store.postgres(postgres.createDatabase(), postgres.user());
        try (ClusterRig rig = new ClusterRig("cluster-failover", store, false, 2,
                ClusterRig.Pacing.FROZEN_WHILE_DEGRADED, 1.0, java.util.function.UnaryOperator.identity(), List.of())) {
            var timings = rig.simulator.world().timings();
            timings.set("rds.promote", FailoverKillNineIT.PROMOTE);
            timings.set("autoscaling.instance.launch", FailoverKillNineIT.LAUNCH);
            timings.set("elbv2.target.healthy", FailoverKillNineIT.HEALTHY);
            timings.set("route53.change.insync", INSYNC);
            long seeded = rig.simulator.journal().lastSeq();
            List<KillPoint> points = killPoints(rig.simulator.journal());
            rig.arm(points);
            rig.fill();

            KillNineRig.Answer posted = rig.callAny("POST", "/api/v1/failovers", KillNineRig.OPERATOR,
                    "{\"confirm\": \"us-west-2\", \"reason\": \"two daemons, kill -9\"}");
            assertThat(posted).isNotNull();
            assertThat(posted.status()).as("%s", posted.body()).isEqualTo(202);
            JsonNode done = rig.awaitEnd(posted.body().get("id").asText(), Duration.ofMinutes(6));

            System.out.println("kills and takeovers: " + rig.kills());
            System.out.println("RTO with five kills: " + done.get("rtoSeconds") + " s");
            assertThat(done.get("status").asText()).as(done.toPrettyString()).isEqualTo("SUCCEEDED");
            assertThat(rig.kills()).extracting(k -> k.point)
                    .containsExactlyElementsOf(points.stream().map(KillPoint::name).toList());
            assertThat(rig.kills()).allSatisfy(kill -> assertThat(kill.takeoverSeconds()).as("takeover of %s", kill)
                    .isNotNull().isLessThanOrEqualTo(TAKEOVER_LIMIT.toSeconds() * 1.0));
            rig.awaitCall("PutMetricData", seeded, Duration.ofSeconds(60));
            FailoverKillNineIT.assertEachChangeAppliedOnce(rig.simulator, rig.demo, rig.aws, seeded, done);
            assertThat(done.get("steps")).allSatisfy(step -> assertThat(step.get("node").isTextual())
                    .as("%s names the node that ran it", step).isTrue());
        }
    }

    /** Five moments, in the order the execution reaches them; each kills whoever holds the step then. */
    static List<KillPoint> killPoints(Journal journal) {
        return List.of(
                new KillPoint("PromoteReadReplica applied", c -> applied(c, "PromoteReadReplica", DR),
                        Holder.ofStep("drc:rds:promoteReplica"), calls(DR, "DescribeDBInstances", "PromoteReadReplica")),
                new KillPoint("awaiting healthy targets", c -> applied(c, "DescribeTargetHealth", DR)
                        && since(journal, c, "UpdateAutoScalingGroup", DR).filter(d -> d.compareTo(
                                FailoverKillNineIT.LAUNCH.plus(FailoverKillNineIT.HEALTHY)) < 0).isPresent(),
                        Holder.ofStep("drc:elbv2:awaitHealthy"), calls(DR, "DescribeTargetHealth")),
                new KillPoint("ChangeResourceRecordSets applied", c -> applied(c, "ChangeResourceRecordSets", PRIMARY),
                        Holder.ofStep("drc:route53:setWeights"), route53()),
                new KillPoint("awaiting INSYNC", c -> applied(c, "GetChange", PRIMARY)
                        && since(journal, c, "ChangeResourceRecordSets", PRIMARY)
                                .filter(d -> d.compareTo(INSYNC) < 0).isPresent(),
                        Holder.ofStep("drc:route53:awaitInsync"), route53()),
                new KillPoint("UpdateAutoScalingGroup (fence the primary) applied",
                        c -> applied(c, "UpdateAutoScalingGroup", PRIMARY), Holder.ofStep("drc:autoscaling:scaleTo"),
                        calls(PRIMARY, "DescribeAutoScalingGroups", "UpdateAutoScalingGroup")));
    }

    static Predicate<Journal.Call> calls(String region, String... actions) {
        Set<String> wanted = Set.of(actions);
        return c -> c.region().equals(region) && wanted.contains(c.action());
    }

    static Predicate<Journal.Call> route53() {
        return calls(PRIMARY, "ListResourceRecordSets", "ChangeResourceRecordSets", "GetChange");
    }
}
