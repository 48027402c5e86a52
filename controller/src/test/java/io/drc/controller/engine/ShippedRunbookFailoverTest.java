package io.drc.controller.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.drc.simulator.core.FaultRule;
import io.drc.simulator.core.Journal;
import io.dropwizard.testing.ConfigOverride;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.services.autoscaling.model.AutoScalingGroup;
import software.amazon.awssdk.services.rds.model.DBInstance;
import software.amazon.awssdk.services.route53.model.Change;
import software.amazon.awssdk.services.route53.model.ChangeAction;

/**
 * Tier 3 with the shipped runbooks in runbooks/: the input built from configuration is what they read, and the
 * simulator shows the outcome — after failover DR serves, after fail-back home serves with the DR side re-lit and
 * the normal weights (multi-site: 50/50) restored.
 */
class ShippedRunbookFailoverTest {
    private static final Set<String> ENDED = Set.of("SUCCEEDED", "FAILED", "CANCELLED");
    final DaemonOnSimulator drc = new DaemonOnSimulator();

    @AfterEach
    void close() {
        drc.close();
    }

    private void start(String strategy, ConfigOverride... extra) throws Exception {
        List<ConfigOverride> overrides = new ArrayList<>(List.of(
                ConfigOverride.config("engine.runbooks", Path.of("..", "runbooks").toAbsolutePath().toString()),
                ConfigOverride.config("strategy.type", strategy)));
        if (strategy.equals("multi-site")) {
            overrides.addAll(multiSite());
        }
        overrides.addAll(List.of(extra));
        drc.startDaemon(overrides.toArray(ConfigOverride[]::new));
    }

    /**
     * Multi-site serves from both regions: 50/50 weights and the DR web tier at full size, in configuration
     * (normalWeight, DR standby = full load) and in the simulator, which the demo seeds as a pilot light.
     */
    private List<ConfigOverride> multiSite() {
        drc.aws.route53().changeResourceRecordSets(r -> r.hostedZoneId(drc.demo.hostedZoneId()).changeBatch(b -> b.changes(
                drc.aws.route53().listResourceRecordSets(l -> l.hostedZoneId(drc.demo.hostedZoneId()))
                        .resourceRecordSets().stream().filter(set -> set.setIdentifier() != null)
                        .map(set -> Change.builder().action(ChangeAction.UPSERT)
                                .resourceRecordSet(set.toBuilder().weight(50L).build()).build())
                        .toList())));
        drc.aws.autoScaling("us-west-2").updateAutoScalingGroup(r -> r.autoScalingGroupName("web")
                .minSize(4).desiredCapacity(4));
        Instant deadline = Instant.now().plusSeconds(30);
        while (group("us-west-2").instances().stream().filter(i -> i.lifecycleStateAsString().equals("InService"))
                .count() < 4) {
            assertThat(Instant.now()).as("DR web tier InService before the test starts").isBefore(deadline);
            drc.simulator.manualClock().advance(Duration.ofSeconds(5));
            DaemonOnSimulator.pause();
        }
        return List.of(ConfigOverride.config("recovery.regions.us-east-1.normalWeight", "50"),
                ConfigOverride.config("recovery.regions.us-west-2.normalWeight", "50"),
                ConfigOverride.config("recovery.regions.us-west-2.autoScalingGroups[0].standby", "4"));
    }

    /** The serving database sizes: DR resized to db.r6g.xlarge and made Multi-AZ on failover, home Multi-AZ. */
    private static ConfigOverride[] databaseSizes() {
        return new ConfigOverride[] {
                ConfigOverride.config("recovery.regions.us-west-2.database.instanceClass", "db.r6g.xlarge"),
                ConfigOverride.config("recovery.regions.us-west-2.database.multiAz", "true"),
                ConfigOverride.config("recovery.regions.us-east-1.database.multiAz", "true")};
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
        start(strategy, databaseSizes());
        boolean multiSite = strategy.equals("multi-site");
        long before = drc.simulator.journal().lastSeq();
        JsonNode failover = run("/api/v1/failovers", "us-west-2");
        assertThat(failover.get("runbook").asText()).isEqualTo(strategy + "-failover.asl.json");
        assertThat(failover.get("rtoSeconds").asDouble()).isPositive();
        assertThat(drc.weights()).as("failed region drained, the survivor keeps its weight")
                .containsEntry("dr", multiSite ? 50L : 100L).containsEntry("primary", 0L);
        assertThat(group("us-west-2").instances()).hasSize(4)
                .allSatisfy(i -> assertThat(i.lifecycleStateAsString()).isEqualTo("InService"));
        DBInstance promoted = database("us-west-2", "shop-db-replica");
        assertThat(promoted.readReplicaSourceDBInstanceIdentifier()).isNull();
        assertThat(promoted.dbInstanceClass()).as("resized after promotion").isEqualTo("db.r6g.xlarge");
        assertThat(promoted.multiAZ()).isTrue();
        assertThat(promoted.dbInstanceStatus()).isEqualTo("available");
        assertThat(modifications(before, "us-west-2")).as("one ModifyDBInstance: class and Multi-AZ together")
                .singleElement().satisfies(c -> assertThat(c.params()).containsEntry("DBInstanceClass", "db.r6g.xlarge")
                        .containsEntry("MultiAZ", "true").containsEntry("ApplyImmediately", "true"));

        before = drc.simulator.journal().lastSeq();
        JsonNode failback = run("/api/v1/failbacks", "us-east-1");
        assertThat(failback.get("runbook").asText()).isEqualTo(strategy + "-failback.asl.json");
        assertThat(drc.weights()).as("the normal weights again")
                .containsEntry("primary", multiSite ? 50L : 100L).containsEntry("dr", multiSite ? 50L : 0L);
        DBInstance home = database("us-east-1", "shop-db");
        assertThat(home.dbInstanceStatus()).isEqualTo("available");
        assertThat(home.readReplicaSourceDBInstanceIdentifier()).as("home promoted").isNull();
        assertThat(home.multiAZ()).as("home Multi-AZ again").isTrue();
        assertThat(modifications(before, "us-east-1")).hasSize(1);
        DBInstance relit = database("us-west-2", "shop-db-replica");
        assertThat(relit.readReplicaSourceDBInstanceIdentifier()).as("DR re-lit as a replica of home").endsWith(":db:shop-db");
        assertThat(relit.dbInstanceClass()).isEqualTo("db.r6g.xlarge");
        assertThat(group("us-east-1").instances()).hasSize(4);
        assertThat(group("us-west-2").desiredCapacity()).as("DR back at its normal size").isEqualTo(multiSite ? 4 : 0);
    }

    private List<Journal.Call> modifications(long since, String region) {
        return drc.simulator.journal().since(since).stream()
                .filter(c -> c.action().equals("ModifyDBInstance") && c.region().equals(region)).toList();
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
        assertThat(drc.weights()).containsEntry("dr", strategy.equals("multi-site") ? 50L : 100L)
                .containsEntry("primary", 0L);
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
        assertThat(drc.simulator.journal().select(c -> c.action().equals("ModifyDBInstance")))
                .as("no database size configured: no modification").isEmpty();
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
