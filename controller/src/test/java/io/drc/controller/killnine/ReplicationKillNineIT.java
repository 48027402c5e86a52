package io.drc.controller.killnine;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.drc.controller.killnine.KillNineRig.KillPoint;
import io.drc.controller.testing.PostgresServer;
import io.drc.controller.testing.SharedPostgres;
import io.drc.simulator.core.Journal;
import io.drc.strategies.aws.DrcTags;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.ec2.model.Filter;

/**
 * Issue 3, for real: the packaged daemon on PostgreSQL replicates the demo's EC2 instance, EBS volume and RDS
 * instance into us-west-2 and is killed with SIGKILL just after AWS accepted each CopyImage, CopySnapshot and
 * CopyDBSnapshot (before the daemon heard the answer) and while each copy was pending. Restarted each time on
 * the same store, it tracks every copy to completion, and the DR region holds exactly one copy per source.
 */
@ExtendWith(SharedPostgres.class)
class ReplicationKillNineIT {
    static final String DR = "us-west-2";
    static final Duration COPY = Duration.ofSeconds(120);
    static final List<String> COPIED = List.of("web", "web-data", "shop-db");

    @Test
    void copiesInterruptedByKillNineAreTrackedToCompletionAndNeverStartedTwice(PostgresServer postgres) {
        try (KillNineRig rig = new KillNineRig("replication-postgres")) {
            replicateWithKills(rig, KillNineConfig.Store.postgres(postgres.createDatabase(), postgres.user()));
        }
    }

    static void replicateWithKills(KillNineRig rig, KillNineConfig.Store store) {
        var timings = rig.simulator.world().timings();
        timings.set("ec2.image.create", Duration.ofSeconds(60));
        timings.set("ec2.snapshot.create", Duration.ofSeconds(30));
        timings.set("rds.snapshot.create", Duration.ofSeconds(60));
        for (String copy : List.of("ec2.image.copy", "ec2.snapshot.copy", "rds.snapshot.copy")) {
            timings.set(copy, COPY);
        }
        Journal journal = rig.simulator.journal();
        long seeded = journal.lastSeq();
        List<KillPoint> points = killPoints(journal);
        rig.arm(points);
        rig.startDaemon(KillNineConfig.yaml(rig, store, true));

        JsonNode status = awaitEveryCopyCompleted(rig, Duration.ofMinutes(3));

        System.out.println("kill points, in the order they were passed: " + rig.killsInOrder());
        assertThat(rig.killsInOrder()).as("kill points passed")
                .containsExactlyInAnyOrderElementsOf(points.stream().map(KillPoint::name).toList());
        assertThat(rig.killExits()).as("exit statuses: SIGKILL").containsOnly(DaemonProcess.SIGKILL_EXIT);
        for (JsonNode resource : status.get("resources")) {
            if (COPIED.contains(resource.get("id").asText())) {
                assertThat(resource.get("rpoSeconds").isNumber()).as("numeric RPO: %s", resource).isTrue();
                assertThat(resource.get("rpoSeconds").asDouble()).as("RPO of %s", resource).isNotNegative();
            }
        }
        assertOneCopyPerSource(rig, seeded);
    }

    /** Each copy call, and each copy while it is pending in the DR region. */
    static List<KillPoint> killPoints(Journal journal) {
        List<KillPoint> points = new ArrayList<>();
        Map<String, String> awaitedBy = Map.of("CopyImage", "DescribeImages", "CopySnapshot", "DescribeSnapshots",
                "CopyDBSnapshot", "DescribeDBSnapshots");
        for (var copy : List.of("CopyImage", "CopySnapshot", "CopyDBSnapshot")) {
            points.add(new KillPoint(copy + " applied", c -> FailoverKillNineIT.applied(c, copy, DR)));
        }
        for (var copy : List.of("CopyImage", "CopyDBSnapshot")) {
            String describe = awaitedBy.get(copy);
            points.add(new KillPoint(copy + " pending", c -> FailoverKillNineIT.applied(c, describe, DR)
                    && FailoverKillNineIT.since(journal, c, copy, DR).filter(d -> d.compareTo(COPY) < 0).isPresent()));
        }
        return points;
    }

    /** Polls status until each copied resource has a completed recovery point in the DR region. */
    static JsonNode awaitEveryCopyCompleted(KillNineRig rig, Duration limit) {
        Instant deadline = Instant.now().plus(limit);
        JsonNode last = null;
        while (true) {
            rig.keepDaemonUp();
            KillNineRig.Answer answer = rig.call("GET", "/api/v1/status", KillNineRig.VIEWER, null);
            if (answer != null && answer.status() == 200) {
                last = answer.body();
                if (completedInDr(last).containsAll(COPIED)) {
                    return last;
                }
            }
            assertThat(Instant.now()).as("every copy completed by the deadline; kills so far %s; last status %s",
                    rig.killsInOrder(), last).isBefore(deadline);
            DaemonProcess.pause(200);
        }
    }

    static Set<String> completedInDr(JsonNode status) {
        Set<String> done = new java.util.HashSet<>();
        for (JsonNode resource : status.get("resources")) {
            JsonNode point = resource.path("latestRecoveryPoint");
            if (!point.isMissingNode() && !point.isNull() && resource.get("rpoSeconds").isNumber()) {
                done.add(resource.get("id").asText());
            }
        }
        return done;
    }

    /** The simulator's DR region holds one copy per source, and each copy action went out for one source. */
    static void assertOneCopyPerSource(KillNineRig rig, long since) {
        assertOneCopyPerSource(rig.aws, rig.simulator.journal(),
                path -> rig.call("GET", path, KillNineRig.VIEWER, null), since);
    }

    /** The same, for any daemon's API ({@code get} answers a GET of a path). */
    static void assertOneCopyPerSource(io.drc.simulator.SimulatorClients aws, Journal journal,
                                       java.util.function.Function<String, KillNineRig.Answer> get, long since) {
        Filter byResource = Filter.builder().name("tag:" + DrcTags.RESOURCE).values("web").build();
        var images = aws.ec2(DR).describeImages(r -> r.owners("self").filters(byResource)).images();
        assertThat(images).as("AMIs of web in %s", DR).hasSize(1);
        Filter byVolume = Filter.builder().name("tag:" + DrcTags.RESOURCE).values("web-data").build();
        var snapshots = aws.ec2(DR).describeSnapshots(r -> r.ownerIds("self").filters(byVolume)).snapshots();
        assertThat(snapshots).as("snapshots of web-data in %s", DR).hasSize(1);
        var dbSnapshots = aws.rds(DR).describeDBSnapshots(r -> r.snapshotType("manual")).dbSnapshots();
        assertThat(dbSnapshots).as("DB snapshots in %s", DR).hasSize(1);
        // the catalog tracked exactly those copies to completion
        Map<String, String> copies = Map.of("web", images.get(0).imageId(), "web-data", snapshots.get(0).snapshotId(),
                "shop-db", dbSnapshots.get(0).dbSnapshotIdentifier());
        copies.forEach((resource, copyId) -> {
            KillNineRig.Answer points = get.apply("/api/v1/recovery-points?resource=" + resource);
            assertThat(points).isNotNull();
            List<JsonNode> inDr = new ArrayList<>();
            points.body().get("items").forEach(item -> {
                if (item.get("region").asText().equals(DR)) {
                    inDr.add(item);
                }
            });
            assertThat(inDr).as("recovery points of %s in %s", resource, DR).singleElement().satisfies(item -> {
                assertThat(item.get("id").asText()).endsWith(copyId);
                assertThat(item.get("state").asText()).isEqualToIgnoringCase("completed");
            });
        });
        for (var sourceKey : Map.of("CreateImage", "InstanceId", "CreateSnapshot", "VolumeId",
                "CreateDBSnapshot", "DBInstanceIdentifier").entrySet()) {
            assertThat(journal.select(c -> c.seq() > since && c.status() == 200
                    && c.action().equals(sourceKey.getKey())))
                    .as("%s calls", sourceKey.getKey()).hasSize(1);
        }
        // a repeated CopyImage with the same ClientToken is idempotent (AWS returns the first copy); a second copy
        // would need another token or source
        for (var copy : Map.of("CopyImage", "ClientToken", "CopySnapshot", "SourceSnapshotId",
                "CopyDBSnapshot", "TargetDBSnapshotIdentifier").entrySet()) {
            List<Journal.Call> calls = journal.select(c -> c.seq() > since && c.status() == 200
                    && c.action().equals(copy.getKey()));
            assertThat(calls).as("%s calls", copy.getKey()).isNotEmpty();
            assertThat(calls.stream().map(c -> Optional.ofNullable(c.params().get(copy.getValue())).orElse("?"))
                    .distinct()).as("%s %s", copy.getKey(), copy.getValue()).hasSize(1).doesNotContain("?");
        }
    }
}
