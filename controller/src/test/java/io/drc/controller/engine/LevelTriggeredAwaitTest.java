package io.drc.controller.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.drc.controller.api.ExecutionEvent;
import io.drc.controller.db.ExecutionEvents;
import io.drc.simulator.core.FaultRule;
import io.drc.simulator.core.Journal;
import io.dropwizard.testing.ConfigOverride;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.autoscaling.model.AutoScalingGroup;
import software.amazon.awssdk.services.rds.model.DBInstance;

/**
 * Tier 3, issue 12 point 3: awaits are level-triggered. The shipped pilot-light failover on the simulator over HTTP:
 * AWS loses the promotion (the simulator's LOSE fault: PromoteReadReplica is answered, the replica passes through
 * {@code modifying} and comes back a replica), or someone lowers the DR web tier's desired capacity while the failover
 * waits for it. Each time the await step sees the pre-action state for its grace period (60 s), re-issues the action
 * once, records a {@code step.reasserted} event, and the failover succeeds.
 */
class LevelTriggeredAwaitTest {
    static final String DR = "us-west-2";
    final DaemonOnSimulator drc = new DaemonOnSimulator();

    @AfterEach
    void close() {
        drc.close();
    }

    private void start() throws Exception {
        List<ConfigOverride> overrides = new ArrayList<>(List.of(
                ConfigOverride.config("engine.runbooks", Path.of("..", "runbooks").toAbsolutePath().toString()),
                ConfigOverride.config("strategy.type", "pilot-light")));
        overrides.addAll(SteadyStates.prepare(drc, "pilot-light"));
        drc.startDaemon(overrides.toArray(ConfigOverride[]::new));
    }

    @Test
    void aPromotionAwsLostIsIssuedAgainAndTheFailoverCompletes() throws Exception {
        start();
        drc.simulator.faults().add(new FaultRule(null, FaultRule.Kind.LOSE, DR, "rds", "PromoteReadReplica",
                null, null, 1));
        long before = drc.simulator.journal().lastSeq();

        JsonNode failover = drc.runToSuccess("/api/v1/failovers", DR);

        DBInstance promoted = drc.aws.rds(DR).describeDBInstances(r -> r.dbInstanceIdentifier("shop-db-replica"))
                .dbInstances().get(0);
        assertThat(promoted.readReplicaSourceDBInstanceIdentifier()).as("standalone at last").isNull();
        assertThat(calls(before, "PromoteReadReplica")).as("the lost promotion and its one re-issue").hasSize(2);
        List<ExecutionEvent> reasserted = reasserted(failover.get("id").asText());
        assertThat(reasserted).singleElement().satisfies(e -> {
            assertThat(e.name()).isEqualTo("AwaitDatabasePromoted");
            assertThat(e.error()).startsWith("PromoteReadReplica re-issued: shop-db-replica is an available read replica");
        });
    }

    @Test
    void aDesiredCapacityLoweredDuringTheAwaitIsReasserted() throws Exception {
        start();
        long before = drc.simulator.journal().lastSeq();
        String id = DaemonOnSimulator.body(drc.post("/api/v1/failovers",
                "{\"confirm\": \"" + DR + "\", \"reason\": \"test\"}")).get("id").asText();
        JsonNode[] seen = new JsonNode[1];
        drc.driveUntil(Duration.ofSeconds(1), () -> "RUNNING".equals(stepStatus(seen[0] = drc.execution(id),
                "AwaitInService")), () -> "the failover to wait for the web tier: " + seen[0].toPrettyString());
        int wanted = group().desiredCapacity();
        assertThat(wanted).as("scaled up by ScaleWebTier").isGreaterThan(1);
        // someone (an operator, a scaling policy) lowers it while the failover waits for it
        drc.aws.autoScaling(DR).updateAutoScalingGroup(r -> r.autoScalingGroupName("web").minSize(0).desiredCapacity(1));

        JsonNode done = drc.driveUntil(id, DaemonOnSimulator.ENDED);

        assertThat(done.get("status").asText()).as(done.toPrettyString()).isEqualTo("SUCCEEDED");
        AutoScalingGroup web = group();
        assertThat(web.desiredCapacity()).isEqualTo(wanted);
        assertThat(web.instances()).hasSize(wanted)
                .allSatisfy(i -> assertThat(i.lifecycleStateAsString()).isEqualTo("InService"));
        assertThat(calls(before, "UpdateAutoScalingGroup")).as("ScaleWebTier, the test's, the one re-assertion")
                .hasSize(3);
        assertThat(reasserted(id)).singleElement().satisfies(e -> {
            assertThat(e.name()).isEqualTo("AwaitInService");
            assertThat(e.error()).isEqualTo("UpdateAutoScalingGroup re-issued: web wants 1 instances, not " + wanted);
        });
    }

    private AutoScalingGroup group() {
        return drc.aws.autoScaling(DR).describeAutoScalingGroups(r -> r.autoScalingGroupNames("web"))
                .autoScalingGroups().get(0);
    }

    private List<Journal.Call> calls(long since, String action) {
        return drc.simulator.journal().since(since).stream()
                .filter(c -> c.action().equals(action) && c.region().equals(DR) && c.status() == 200).toList();
    }

    private List<ExecutionEvent> reasserted(String executionId) {
        return new ExecutionEvents(Jdbi.create(drc.databaseUrl, "sa", "")).after(executionId, 0, 1000).stream()
                .filter(e -> e.type().equals("step.reasserted")).toList();
    }

    private static String stepStatus(JsonNode execution, String name) {
        for (JsonNode step : execution.path("steps")) {
            if (step.path("name").asText().equals(name)) {
                return step.path("status").asText();
            }
        }
        return null;
    }
}
