package io.drc.controller.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.drc.simulator.core.FaultRule;
import io.drc.simulator.core.Journal;
import io.drc.strategies.aws.DrcTags;
import io.dropwizard.testing.ConfigOverride;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.services.autoscaling.model.AutoScalingGroup;
import software.amazon.awssdk.services.rds.model.DBInstance;

/**
 * Tier 3 with the shipped runbooks in runbooks/: the input built from configuration is what they read, and the
 * simulator shows the outcome — after failover DR serves, after fail-back home serves with the DR side re-lit and
 * the normal weights (multi-site: 50/50) restored.
 */
class ShippedRunbookFailoverTest {
    final DaemonOnSimulator drc = new DaemonOnSimulator();

    @AfterEach
    void close() {
        drc.close();
    }

    private void start(String strategy, ConfigOverride... extra) throws Exception {
        List<ConfigOverride> overrides = new ArrayList<>(List.of(
                ConfigOverride.config("engine.runbooks", Path.of("..", "runbooks").toAbsolutePath().toString()),
                ConfigOverride.config("strategy.type", strategy)));
        overrides.addAll(SteadyStates.prepare(drc, strategy));
        overrides.addAll(List.of(extra));
        if (!strategy.equals("backup-restore")) {
            drc.startDaemon(overrides.toArray(ConfigOverride[]::new));
            return;
        }
        // backup-restore recovers from what replication copied to DR: let it make those copies first
        BackupRestoreDemo.removeDrReplica(drc);
        drc.withReplication(true).startDaemon(BackupRestoreDemo.overrides(overrides.toArray(ConfigOverride[]::new)));
        BackupRestoreDemo.awaitRecoveryPoints(drc);
    }

    /** The serving database sizes: DR resized to db.r6g.xlarge and made Multi-AZ on failover, home Multi-AZ. */
    private static ConfigOverride[] databaseSizes() {
        return new ConfigOverride[] {
                ConfigOverride.config("recovery.regions.us-west-2.database.instanceClass", "db.r6g.xlarge"),
                ConfigOverride.config("recovery.regions.us-west-2.database.multiAz", "true"),
                ConfigOverride.config("recovery.regions.us-east-1.database.multiAz", "true")};
    }

    @ParameterizedTest
    @ValueSource(strings = {"pilot-light", "warm-standby", "multi-site"})
    void failoverThenFailBack(String strategy) throws Exception {
        start(strategy, databaseSizes());
        boolean multiSite = strategy.equals("multi-site");
        long before = drc.simulator.journal().lastSeq();
        JsonNode failover = drc.runToSuccess("/api/v1/failovers", "us-west-2");
        assertThat(failover.get("runbook").asText()).as("multi-site drains first; the others share one file")
                .isEqualTo(multiSite ? "multi-site-failover.asl.json" : "promote-and-scale-failover.asl.json");
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
        JsonNode failback = drc.runToSuccess("/api/v1/failbacks", "us-east-1");
        assertThat(failback.get("runbook").asText()).isEqualTo("reverse-replication-failback.asl.json");
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
        assertThat(group("us-west-2").desiredCapacity()).as("DR back at its normal size")
                .isEqualTo(SteadyStates.drStandbySize(strategy));
    }

    private List<Journal.Call> modifications(long since, String region) {
        return drc.simulator.journal().since(since).stream()
                .filter(c -> c.action().equals("ModifyDBInstance") && c.region().equals(region)).toList();
    }

    @Test
    void backupRestoreFailoverRestoresFromTheNewestDrCopiesAndFailBackRestoresHomeFromABackupOfDr() throws Exception {
        start("backup-restore", databaseSizes());
        String olderDbSnapshot = newestDbSnapshot("us-west-2");
        BackupRestoreDemo.replicateAgain(drc);
        String newestDbSnapshot = newestDbSnapshot("us-west-2");
        String newestImage = newestImage("us-west-2");
        assertThat(newestDbSnapshot).isNotEqualTo(olderDbSnapshot);
        // whatever the DR launch template launches before the disaster, the failover points it at the newest AMI
        drc.aws.ec2("us-west-2").modifyLaunchTemplate(r -> r.launchTemplateName("web-lt").defaultVersion("1"));
        assertThat(defaultImage("us-west-2")).isNotEqualTo(newestImage);

        JsonNode failover = drc.runToSuccess("/api/v1/failovers", "us-west-2");
        assertThat(failover.get("runbook").asText()).isEqualTo("backup-restore-failover.asl.json");
        assertThat(failover.get("rtoSeconds").asDouble()).isPositive();
        DBInstance restored = database("us-west-2", BackupRestoreDemo.DATABASE);
        assertThat(restored.dbInstanceStatus()).isEqualTo("available");
        assertThat(tags(restored.tagList())).containsEntry(DrcTags.RESTORED_FROM, newestDbSnapshot);
        assertThat(restored.dbInstanceClass()).as("restored at the configured size").isEqualTo("db.r6g.xlarge");
        assertThat(restored.multiAZ()).isTrue();
        assertThat(defaultImage("us-west-2")).as("DR launch template on the newest DR AMI").isEqualTo(newestImage);
        assertThat(group("us-west-2").instances()).hasSize(4).allSatisfy(i -> {
            assertThat(i.lifecycleStateAsString()).isEqualTo("InService");
            assertThat(i.launchTemplate().version()).isNotNull();
        });
        assertThat(drc.aws.ec2("us-west-2").describeInstances(r -> r.filters(f -> f.name("tag:aws:autoscaling:groupName")
                .values("web"))).reservations().stream().flatMap(r -> r.instances().stream())
                .filter(i -> i.state().nameAsString().equals("running")))
                .as("the web tier runs the newest DR AMI").hasSize(4).allSatisfy(i -> assertThat(i.imageId()).isEqualTo(newestImage));
        assertThat(drc.weights()).containsEntry("dr", 100L).containsEntry("primary", 0L);

        JsonNode failback = drc.runToSuccess("/api/v1/failbacks", "us-east-1");
        assertThat(failback.get("runbook").asText()).isEqualTo("backup-restore-failback.asl.json");
        assertThat(failback.get("rtoSeconds").asDouble()).isPositive();
        assertThat(drc.weights()).containsEntry("primary", 100L).containsEntry("dr", 0L);
        DBInstance home = database("us-east-1", BackupRestoreDemo.DATABASE);
        assertThat(home.dbInstanceStatus()).isEqualTo("available");
        assertThat(home.multiAZ()).as("home Multi-AZ again").isTrue();
        String homeFrom = tags(home.tagList()).get(DrcTags.RESTORED_FROM);
        assertThat(homeFrom).as("home restored from a snapshot").isNotNull();
        var backup = drc.aws.rds("us-west-2").describeDBSnapshots(r -> r.dbSnapshotIdentifier(homeFrom)).dbSnapshots().get(0);
        assertThat(backup.dbInstanceIdentifier()).as("a backup of the DR database").isEqualTo(BackupRestoreDemo.DATABASE);
        assertThat(backup.snapshotCreateTime()).as("taken by the fail-back")
                .isAfterOrEqualTo(java.time.Instant.parse(failback.get("startedAt").asText()));
        assertThat(group("us-east-1").instances()).hasSize(4)
                .allSatisfy(i -> assertThat(i.lifecycleStateAsString()).isEqualTo("InService"));
        assertThat(group("us-west-2").desiredCapacity()).as("DR back to nothing but copies").isZero();
        assertThat(drc.aws.rds("us-west-2").describeDBInstances().dbInstances())
                .as("the DR database retired").allSatisfy(db -> assertThat(db.dbInstanceStatus()).isEqualTo("deleting"));

        // the next disaster comes while the retired DR database is still being deleted: restored anew after it
        drc.runToSuccess("/api/v1/failovers", "us-west-2");
        DBInstance again = database("us-west-2", BackupRestoreDemo.DATABASE);
        assertThat(again.dbInstanceStatus()).isEqualTo("available");
        assertThat(tags(again.tagList())).containsEntry(DrcTags.RESTORED_FROM, newestDbSnapshot);
        assertThat(again.instanceCreateTime()).isAfter(restored.instanceCreateTime());
        assertThat(drc.weights()).containsEntry("dr", 100L).containsEntry("primary", 0L);
    }

    private String newestDbSnapshot(String region) {
        return drc.aws.rds(region).describeDBSnapshots(r -> r.snapshotType("manual")).dbSnapshots().stream()
                .filter(s -> s.status().equals("available"))
                .filter(s -> BackupRestoreDemo.DATABASE.equals(tags(s.tagList()).get(DrcTags.RESOURCE)))
                .max(java.util.Comparator.comparing(s -> tags(s.tagList()).get(DrcTags.SOURCE_TIME)))
                .orElseThrow(() -> new AssertionError("no DB snapshot of shop-db in " + region)).dbSnapshotIdentifier();
    }

    private String newestImage(String region) {
        return drc.aws.ec2(region).describeImages(r -> r.owners("self").filters(f -> f.name("tag:" + DrcTags.RESOURCE)
                        .values("web"))).images().stream().filter(i -> i.stateAsString().equals("available"))
                .max(java.util.Comparator.comparing(i -> i.tags().stream()
                        .filter(t -> t.key().equals(DrcTags.SOURCE_TIME)).findFirst().orElseThrow().value()))
                .orElseThrow(() -> new AssertionError("no AMI of web in " + region)).imageId();
    }

    private String defaultImage(String region) {
        return drc.aws.ec2(region).describeLaunchTemplateVersions(r -> r.launchTemplateName("web-lt").versions("$Default"))
                .launchTemplateVersions().get(0).launchTemplateData().imageId();
    }

    private static java.util.Map<String, String> tags(java.util.List<software.amazon.awssdk.services.rds.model.Tag> tags) {
        java.util.Map<String, String> out = new java.util.HashMap<>();
        tags.forEach(t -> out.put(t.key(), t.value()));
        return out;
    }

    /** Every regional endpoint of us-east-1 stops answering; Route 53, a global service, still does. */
    private void primaryRegionDown() {
        for (String service : REGIONAL_SERVICES) {
            drc.simulator.faults().add(new FaultRule(null, FaultRule.Kind.DOWN, "us-east-1", service, null, 1.0, null, null));
        }
    }

    private static final String[] REGIONAL_SERVICES = {"ec2", "autoscaling", "elasticloadbalancing", "rds", "monitoring"};

    @ParameterizedTest
    @ValueSource(strings = {"backup-restore", "pilot-light", "warm-standby", "multi-site"})
    void failoverCompletesWhileThePrimaryRegionDoesNotAnswer(String strategy) throws Exception {
        start(strategy);
        primaryRegionDown();
        JsonNode done = drc.runToSuccess("/api/v1/failovers", "us-west-2");
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
        JsonNode done = drc.driveUntil(id, DaemonOnSimulator.ENDED);
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
        drc.runToSuccess("/api/v1/failovers", "us-west-2");
        assertThat(drc.simulator.faults().injectedCount()).isPositive();
        // The test's own look at the result must not be throttled too: 0.3^3 of them would fail.
        drc.simulator.faults().clear();
        assertThat(drc.weights()).containsEntry("dr", 100L).containsEntry("primary", 0L);
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
