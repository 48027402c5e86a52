package io.drc.controller.killnine;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.drc.controller.killnine.KillNineRig.KillPoint;
import io.drc.simulator.core.Journal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Issue 9: the packaged daemon (H2 file store, the demo's) runs a pilot-light drill and is killed with SIGKILL just
 * after each of its creating AWS calls was applied (before the daemon heard the answer) and after the cleanup's first
 * deletes; restarted on the same store after each kill, the drill ends SUCCEEDED with no leftovers, nothing it made is
 * left in DR, and the simulator's journal shows each resource created once.
 */
class DrillKillNineIT {
    static final String DR = "us-west-2";
    static final String PREFIX = "drc-drill-";
    /** The calls that create something; each resource must see one. */
    static final Set<String> CREATES = Set.of("CreateDBSnapshot", "RestoreDBInstanceFromDBSnapshot", "CreateTargetGroup",
            "CreateLoadBalancer", "CreateListener", "CreateAutoScalingGroup");

    @Test
    void aDrillKilledAtEachOfItsStagesEndsCleanAndCreatesEachResourceOnce() {
        try (KillNineRig rig = new KillNineRig("drill-h2")) {
            var store = KillNineConfig.Store.h2(rig.workDir.resolve("data").resolve("drc"));
            long seeded = rig.simulator.journal().lastSeq();
            rig.arm(List.of(
                    applied("CreateDBSnapshot"),
                    applied("RestoreDBInstanceFromDBSnapshot"),
                    applied("CreateTargetGroup"),
                    applied("CreateLoadBalancer"),
                    applied("CreateAutoScalingGroup"),
                    applied("DeleteAutoScalingGroup"),
                    applied("DeleteLoadBalancer"),
                    applied("DeleteDBInstance")));
            rig.startDaemon(KillNineConfig.yaml(rig, store, false));
            KillNineRig.Answer posted = rig.call("POST", "/api/v1/drills", KillNineRig.OPERATOR,
                    "{\"reason\": \"kill -9 test\"}");
            assertThat(posted).isNotNull();
            assertThat(posted.status()).as("%s", posted.body()).isEqualTo(202);
            String id = posted.body().get("id").asText();

            FailoverKillNineIT.awaitEnd(rig, id, Duration.ofMinutes(8));
            rig.keepDaemonUp();
            JsonNode drill = rig.call("GET", "/api/v1/drills/" + id, KillNineRig.VIEWER, null).body();
            System.out.println("kill points, in the order they were passed: " + rig.killsInOrder());
            assertThat(drill.get("status").asText()).as(drill.toPrettyString()).isEqualTo("SUCCEEDED");
            assertThat(drill.get("leftovers")).as("swept: nothing tagged with the drill is left").isEmpty();
            assertThat(rig.killsInOrder()).as("kill points passed").hasSizeGreaterThanOrEqualTo(5)
                    .doesNotHaveDuplicates();
            assertThat(rig.killExits()).as("exit statuses: SIGKILL").containsOnly(DaemonProcess.SIGKILL_EXIT);

            List<Journal.Call> changes = rig.simulator.journal()
                    .select(c -> c.seq() > seeded && c.mutating() && c.status() == 200);
            Map<String, Long> created = changes.stream().filter(c -> CREATES.contains(c.action()))
                    .collect(Collectors.groupingBy(c -> c.action() + " " + resource(c), Collectors.counting()));
            assertThat(created).as("each resource created once").isNotEmpty().allSatisfy((resource, count) ->
                    assertThat(count).as(resource).isEqualTo(1L));
            assertThat(changes).as("only DR, only the drill's resources (and the DrillRTO metric)")
                    .allSatisfy(c -> assertThat(c.region()).as(c.toString()).isEqualTo(DR))
                    .filteredOn(c -> !c.action().equals("PutMetricData"))
                    .allSatisfy(c -> assertThat(c.params().values()).as(c.toString())
                            .anySatisfy(v -> assertThat(v).contains(PREFIX)));
            assertThat(rig.aws.autoScaling(DR).describeAutoScalingGroups().autoScalingGroups())
                    .noneSatisfy(g -> assertThat(g.autoScalingGroupName()).startsWith(PREFIX));
            assertThat(rig.aws.rds(DR).describeDBInstances().dbInstances())
                    .noneSatisfy(d -> assertThat(d.dbInstanceIdentifier()).startsWith(PREFIX));
            assertThat(rig.aws.elbv2(DR).describeTargetGroups().targetGroups())
                    .noneSatisfy(g -> assertThat(g.targetGroupName()).startsWith(PREFIX));
        }
    }

    private static KillPoint applied(String action) {
        return new KillPoint(action + " applied", c -> FailoverKillNineIT.applied(c, action, DR));
    }

    private static String resource(Journal.Call call) {
        for (String key : List.of("DBSnapshotIdentifier", "DBInstanceIdentifier", "AutoScalingGroupName", "Name",
                "LoadBalancerArn")) {
            if (call.params().containsKey(key)) {
                return call.params().get(key);
            }
        }
        return call.params().toString();
    }
}
