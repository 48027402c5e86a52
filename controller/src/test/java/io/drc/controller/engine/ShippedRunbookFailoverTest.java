package io.drc.controller.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.drc.simulator.core.FaultRule;
import io.dropwizard.testing.ConfigOverride;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.services.autoscaling.model.AutoScalingGroup;
import software.amazon.awssdk.services.rds.model.DBInstance;

/**
 * Tier 3 with the shipped runbooks in runbooks/: the input built from configuration is what they read, and the
 * simulator shows the outcome — after failover DR serves, after fail-back home serves with the DR side re-lit.
 */
class ShippedRunbookFailoverTest {
    private static final Set<String> ENDED = Set.of("SUCCEEDED", "FAILED", "CANCELLED");
    final DaemonOnSimulator drc = new DaemonOnSimulator();

    @AfterEach
    void close() {
        drc.close();
    }

    private void start(String strategy) throws Exception {
        drc.startDaemon(ConfigOverride.config("engine.runbooks", Path.of("..", "runbooks").toAbsolutePath().toString()),
                ConfigOverride.config("strategy.type", strategy));
    }

    private JsonNode run(String path, String confirm) {
        String id = DaemonOnSimulator.body(drc.post(path, "{\"confirm\": \"" + confirm + "\", \"reason\": \"test\"}"))
                .get("id").asText();
        JsonNode done = drc.driveUntil(id, ENDED);
        assertThat(done.get("status").asText()).as(done.toPrettyString()).isEqualTo("SUCCEEDED");
        return done;
    }

    @ParameterizedTest
    @ValueSource(strings = {"pilot-light", "warm-standby", "multi-site"})
    void failoverThenFailBack(String strategy) throws Exception {
        start(strategy);
        JsonNode failover = run("/api/v1/failovers", "us-west-2");
        assertThat(failover.get("runbook").asText()).isEqualTo(strategy + "-failover.asl.json");
        assertThat(failover.get("rtoSeconds").asDouble()).isPositive();
        assertThat(drc.weights()).containsEntry("dr", 100L).containsEntry("primary", 0L);
        assertThat(group("us-west-2").instances()).hasSize(4)
                .allSatisfy(i -> assertThat(i.lifecycleStateAsString()).isEqualTo("InService"));
        assertThat(database("us-west-2", "shop-db-replica").readReplicaSourceDBInstanceIdentifier()).isNull();

        JsonNode failback = run("/api/v1/failbacks", "us-east-1");
        assertThat(failback.get("runbook").asText()).isEqualTo(strategy + "-failback.asl.json");
        assertThat(drc.weights()).containsEntry("primary", 100L).containsEntry("dr", 0L);
        DBInstance home = database("us-east-1", "shop-db");
        assertThat(home.dbInstanceStatus()).isEqualTo("available");
        assertThat(home.readReplicaSourceDBInstanceIdentifier()).as("home promoted").isNull();
        assertThat(database("us-west-2", "shop-db-replica").readReplicaSourceDBInstanceIdentifier())
                .as("DR re-lit as a replica of home").endsWith(":db:shop-db");
        assertThat(group("us-east-1").instances()).hasSize(4);
        assertThat(group("us-west-2").desiredCapacity()).as("DR back at its standby size").isZero();
    }

    /** Every regional endpoint of us-east-1 stops answering; Route 53, a global service, still does. */
    private void primaryRegionDown() {
        for (String service : REGIONAL_SERVICES) {
            drc.simulator.faults().add(new FaultRule(null, FaultRule.Kind.DOWN, "us-east-1", service, null, 1.0, null, null));
        }
    }

    private static final String[] REGIONAL_SERVICES = {"ec2", "autoscaling", "elasticloadbalancing", "rds", "monitoring"};

    @ParameterizedTest
    @ValueSource(strings = {"pilot-light", "warm-standby", "multi-site"})
    void failoverCompletesWhileThePrimaryRegionDoesNotAnswer(String strategy) throws Exception {
        start(strategy);
        primaryRegionDown();
        JsonNode done = run("/api/v1/failovers", "us-west-2");
        assertThat(drc.weights()).containsEntry("dr", 100L).containsEntry("primary", 0L);
        JsonNode fence = step(done, "FenceFailedRegion");
        assertThat(fence.get("error").asText()).as("best-effort fence reported, not fatal").contains("RegionUnreachable");
    }

    @Test
    void withRoute53sControlPlaneDownTooTheDrSideComesUpAndTheFailureSaysWhatToDo() throws Exception {
        start("pilot-light");
        drc.simulator.faults().add(FaultRule.regionDown("us-east-1"));
        String id = DaemonOnSimulator.body(drc.post("/api/v1/failovers", "{\"confirm\": \"us-west-2\"}")).get("id").asText();
        JsonNode done = drc.driveUntil(id, ENDED);
        assertThat(done.get("status").asText()).isEqualTo("FAILED");
        assertThat(done.get("error").asText()).isEqualTo("Drc.DnsControlPlaneUnavailable");
        assertThat(done.get("cause").asText()).contains("data plane");
        drc.simulator.faults().clear();
        assertThat(database("us-west-2", "shop-db-replica").readReplicaSourceDBInstanceIdentifier()).isNull();
        assertThat(group("us-west-2").instances()).hasSize(4);
        assertThat(drc.weights()).as("DNS untouched").containsEntry("primary", 100L);
    }

    @Test
    void failoverCompletesWithAThirdOfCallsThrottled() throws Exception {
        start("pilot-light");
        drc.simulator.faults().add(new FaultRule(null, FaultRule.Kind.THROTTLE, null, null, null, 0.3, null, null));
        run("/api/v1/failovers", "us-west-2");
        assertThat(drc.weights()).containsEntry("dr", 100L).containsEntry("primary", 0L);
        assertThat(drc.simulator.faults().injectedCount()).isPositive();
    }

    private static JsonNode step(JsonNode execution, String name) {
        for (JsonNode step : execution.get("steps")) {
            if (step.get("name").asText().equals(name)) {
                return step;
            }
        }
        throw new AssertionError("no step " + name + " in " + execution.toPrettyString());
    }

    private AutoScalingGroup group(String region) {
        return drc.aws.autoScaling(region).describeAutoScalingGroups(r -> r.autoScalingGroupNames("web"))
                .autoScalingGroups().get(0);
    }

    private DBInstance database(String region, String id) {
        return drc.aws.rds(region).describeDBInstances(r -> r.dbInstanceIdentifier(id)).dbInstances().get(0);
    }
}
