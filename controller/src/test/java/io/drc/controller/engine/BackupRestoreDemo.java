package io.drc.controller.engine;

import static io.drc.controller.replication.ReplicationFixture.NEVER;

import io.dropwizard.testing.ConfigOverride;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.rds.RdsClient;
import software.amazon.awssdk.services.rds.model.DbInstanceNotFoundException;

/**
 * The demo application kept the backup-restore way: nothing runs in DR but copies. The demo's DR read replica
 * is deleted, a failover restores the DR database under home's name ({@value #DATABASE}), and replication
 * protects the web instance, its data volume and the primary database (the test configuration's third entry,
 * a replica there, becomes the primary database).
 */
public final class BackupRestoreDemo {
    public static final String DATABASE = "shop-db";

    private BackupRestoreDemo() {
    }

    /**
     * The daemon's configuration for backup-restore with replication, then {@code extra}, which names the strategy
     * ({@code strategy.type}). No key may be given twice: see DaemonOnSimulator.restoreOverrides.
     */
    public static ConfigOverride[] overrides(ConfigOverride... extra) {
        List<ConfigOverride> all = new ArrayList<>(List.of(
                ConfigOverride.config("protect[2].id", DATABASE),
                ConfigOverride.config("protect[2].kind", "rds-instance"),
                ConfigOverride.config("protect[2].resourceId", DATABASE),
                ConfigOverride.config("recovery.regions.us-west-2.database.instanceId", DATABASE),
                // Quartz fires on the wall clock while tests move a manual one: no scheduled cycle may start mid-test
                ConfigOverride.config("protect[0].schedule", NEVER),
                ConfigOverride.config("replication.defaultSchedule", NEVER),
                ConfigOverride.config("replication.tickInterval", "20ms"),
                ConfigOverride.config("replication.pollInterval", "5s"),
                ConfigOverride.config("replication.measureInterval", "15s")));
        // The first RDS copy takes 720 simulated seconds (snapshot + cross-region copy): targets above that, so
        // that the first copies of all three make every resource compliant.
        for (int i = 0; i < 3; i++) {
            all.add(ConfigOverride.config("protect[" + i + "].rpoTargetSeconds", "3600"));
        }
        all.addAll(List.of(extra));
        return all.toArray(ConfigOverride[]::new);
    }

    /** Deletes the demo's DR read replica (backup-restore keeps no database in DR) and waits until it is gone. */
    public static void removeDrReplica(DaemonOnSimulator drc) {
        RdsClient rds = drc.aws.rds("us-west-2");
        rds.deleteDBInstance(r -> r.dbInstanceIdentifier("shop-db-replica").skipFinalSnapshot(true));
        drc.simulator.manualClock().advance(drc.simulator.world().timings().of("rds.delete"));
        try {
            rds.describeDBInstances(r -> r.dbInstanceIdentifier("shop-db-replica"));
            throw new IllegalStateException("shop-db-replica still exists after rds.delete");
        } catch (DbInstanceNotFoundException gone) {
            // as wanted
        }
    }

    /**
     * Drives simulated time until GET /api/v1/status shows every protected resource compliant; in 15 s steps, as
     * the first RDS copy alone takes 720 s.
     */
    public static void awaitRecoveryPoints(DaemonOnSimulator drc) {
        drc.driveUntil(java.time.Duration.ofSeconds(15), () -> allCompliant(drc), () -> "every resource compliant: " + drc.status().toPrettyString());
    }

    /**
     * Drives simulated time until the DR launch template's default version launches the newest DR AMI of the web
     * instance: replication's last step after an AMI copy (UPDATE_LAUNCH_TEMPLATES), which may come after the status
     * already shows the copy compliant. A failover measured from here starts from backup-restore's steady state.
     */
    public static void awaitLaunchTemplatePointed(DaemonOnSimulator drc) {
        drc.driveUntil(java.time.Duration.ofSeconds(15), () -> launchTemplatePointed(drc),
                () -> "web-lt in us-west-2 launching the newest DR AMI of web");
    }

    private static boolean launchTemplatePointed(DaemonOnSimulator drc) {
        String launched = drc.aws.ec2("us-west-2").describeLaunchTemplateVersions(r -> r.launchTemplateName("web-lt")
                .versions("$Default")).launchTemplateVersions().get(0).launchTemplateData().imageId();
        return newestWebAmi(drc).filter(launched::equals).isPresent();
    }

    /** The newest available DR AMI of the web instance, by its source time, as the failover chooses it. */
    public static java.util.Optional<String> newestWebAmi(DaemonOnSimulator drc) {
        return drc.aws.ec2("us-west-2").describeImages(r -> r.owners("self").filters(
                        f -> f.name("tag:drc:resource").values("web"), f -> f.name("state").values("available")))
                .images().stream()
                .max(java.util.Comparator.comparing((software.amazon.awssdk.services.ec2.model.Image i) -> i.tags()
                        .stream().filter(t -> t.key().equals("drc:source-time")).map(t -> t.value()).findFirst()
                        .orElse("")).thenComparing(i -> i.imageId()))
                .map(i -> i.imageId());
    }

    /**
     * Runs a second replication cycle (POST /api/v1/replication/run) and drives simulated time until every
     * resource's newest recovery point in DR is a new one, so that DR holds an older and a newer copy of each.
     */
    public static void replicateAgain(DaemonOnSimulator drc) {
        java.util.Map<String, String> before = latestRecoveryPoints(drc);
        int status = drc.post("/api/v1/replication/run", "").getStatus(); // no body: every resource
        if (status != 202) {
            throw new IllegalStateException("POST /api/v1/replication/run answered " + status);
        }
        drc.driveUntil(java.time.Duration.ofSeconds(15), () -> {
            java.util.Map<String, String> now = latestRecoveryPoints(drc);
            return now.keySet().equals(before.keySet())
                    && now.entrySet().stream().noneMatch(e -> e.getValue().equals(before.get(e.getKey())));
        }, () -> "a second recovery point of each resource: " + drc.status().toPrettyString());
    }

    /** Each resource's newest completed recovery point in DR, as GET /api/v1/status shows it. */
    private static java.util.Map<String, String> latestRecoveryPoints(DaemonOnSimulator drc) {
        java.util.Map<String, String> latest = new java.util.TreeMap<>();
        for (var resource : drc.status().get("resources")) {
            latest.put(resource.get("id").asText(), resource.path("latestRecoveryPoint").path("id").asText(""));
        }
        return latest;
    }

    private static boolean allCompliant(DaemonOnSimulator drc) {
        var resources = drc.status().get("resources");
        boolean all = resources.size() == 3;
        for (var resource : resources) {
            all &= resource.path("compliant").asBoolean(false);
        }
        return all;
    }
}
