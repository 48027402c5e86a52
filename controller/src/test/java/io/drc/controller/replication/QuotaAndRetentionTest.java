package io.drc.controller.replication;

import static org.assertj.core.api.Assertions.assertThat;

import io.drc.simulator.core.Journal;
import io.drc.simulator.ec2.Ec2State;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.Snapshot;
import software.amazon.awssdk.services.ec2.model.Tag;

/** Copy quotas (queue, never fail) and retention (exactly N, never anything foreign) against the simulator. */
class QuotaAndRetentionTest {
    ReplicationFixture f;

    @AfterEach
    void stop() {
        if (f != null) {
            f.close();
        }
    }

    static String thirtyVolumes(io.drc.simulator.SimulatorClients clients) {
        try (Ec2Client ec2 = clients.ec2("us-east-1")) {
            return IntStream.range(0, 30).mapToObj(i -> {
                String volumeId = ec2.createVolume(r -> r.availabilityZone("us-east-1a").size(10)).volumeId();
                return "  - {id: vol-%02d, kind: ebs-volume, resourceId: %s, rpoTargetSeconds: %d}"
                        .formatted(i, volumeId, 3600 + i * 60);
            }).collect(Collectors.joining("\n"));
        }
    }

    List<Journal.Call> copyCalls() {
        return f.simulator.journal().select(c -> c.action().equals("CopySnapshot"));
    }

    void runAllToCompletion() {
        assertThat(f.runUntil(() -> f.wiring.engine().jobs().active().isEmpty(), 200)).as("the queue drains").isTrue();
    }

    @Test
    void thirtyVolumesAgainstAQuotaOfTwentyQueueAndDrainWithoutACopyTwice() throws Exception {
        f = new ReplicationFixture((demo, clients) -> thirtyVolumes(clients), "");
        f.simulator.world().timings().set("ec2.snapshot.copy", Duration.ofMinutes(10));

        assertThat(f.wiring.engine().startCycle(Optional.empty())).hasSize(30);
        f.runUntil(() -> copyCalls().size() >= 20, 20);
        assertThat(f.wiring.engine().jobs().active()).filteredOn(j -> j.step() == JobStep.AWAIT_COPY).hasSize(20);
        assertThat(f.wiring.engine().jobs().active()).filteredOn(j -> j.step() == JobStep.COPY).hasSize(10);
        runAllToCompletion();

        List<Journal.Call> calls = copyCalls();
        assertThat(calls).hasSize(30).allSatisfy(c -> assertThat(c.status()).isEqualTo(200));
        assertThat(calls.stream().map(c -> c.params().get("SourceSnapshotId")).distinct()).hasSize(30);
        assertThat(f.wiring.engine().jobs().latestPerResource())
                .allSatisfy(j -> assertThat(j.step()).isEqualTo(JobStep.DONE));
    }

    @Test
    void whenAwsRefusesCopiesBeyondItsQuotaTheyWaitAndRetryInsteadOfFailing() throws Exception {
        f = new ReplicationFixture((demo, clients) -> thirtyVolumes(clients), "");
        f.simulator.world().locked(() -> Ec2State.of(f.simulator.world().region("us-west-2"))
                .setConcurrentSnapshotCopyLimit(12));
        f.simulator.world().timings().set("ec2.snapshot.copy", Duration.ofMinutes(5));

        f.wiring.engine().startCycle(Optional.empty());
        runAllToCompletion();

        List<Journal.Call> calls = copyCalls();
        assertThat(calls).anySatisfy(c -> assertThat(c.errorCode()).isEqualTo("ResourceLimitExceeded"));
        Map<String, Long> successfulPerSource = calls.stream().filter(c -> c.status() == 200)
                .collect(Collectors.groupingBy(c -> c.params().get("SourceSnapshotId"), Collectors.counting()));
        assertThat(successfulPerSource).hasSize(30).allSatisfy((source, count) -> assertThat(count).isEqualTo(1L));
        assertThat(f.wiring.engine().jobs().latestPerResource())
                .allSatisfy(j -> assertThat(j.step()).isEqualTo(JobStep.DONE));
    }

    @Test
    void retentionKeepsExactlyNPerResourceInBothRegionsAndNeverTouchesForeignSnapshots() throws Exception {
        f = new ReplicationFixture("""
                  - {id: web-data, kind: ebs-volume, resourceId: %2$s, rpoTargetSeconds: 900, retention: {keepLast: 2}}
                """, "");
        List<String> foreign;
        try (Ec2Client dr = f.clients.ec2("us-west-2"); Ec2Client primary = f.clients.ec2("us-east-1")) {
            String source = primary.createSnapshot(r -> r.volumeId(f.demo.volumeId())).snapshotId();
            f.clock.advance(Duration.ofHours(1));
            foreign = List.of(
                    dr.copySnapshot(r -> r.sourceRegion("us-east-1").sourceSnapshotId(source)
                            .destinationRegion("us-west-2")).snapshotId(),
                    dr.copySnapshot(r -> r.sourceRegion("us-east-1").sourceSnapshotId(source).destinationRegion("us-west-2")
                            .tagSpecifications(t -> t.resourceType(ResourceType.SNAPSHOT).tags(
                                    tag("drc:managed-by", "drc"), tag("drc:application", "another-app"),
                                    tag("drc:resource", "web-data")))).snapshotId());
        }
        for (int cycle = 0; cycle < 4; cycle++) {
            f.wiring.engine().startCycle(Optional.of("web-data"));
            runAllToCompletion();
            f.clock.advance(Duration.ofMinutes(15));
        }

        try (Ec2Client dr = f.clients.ec2("us-west-2"); Ec2Client primary = f.clients.ec2("us-east-1")) {
            assertThat(drcSnapshots(dr)).hasSize(2);
            assertThat(drcSnapshots(primary)).hasSize(2);
            assertThat(dr.describeSnapshots(r -> r.snapshotIds(foreign)).snapshots()).hasSize(2);
            String newestCopy = f.catalog.latestCompleted("web-data", "us-west-2").orElseThrow().awsId();
            assertThat(drcSnapshots(dr)).extracting(Snapshot::snapshotId).contains(newestCopy);
        }
        assertThat(f.simulator.journal().select(c -> c.action().equals("DeleteSnapshot"))).hasSize(4)
                .noneSatisfy(c -> assertThat(foreign).contains(c.params().get("SnapshotId")));
    }

    @Test
    void retentionDeregistersOldAmisTogetherWithTheirSnapshotsAndKeepsTheOneTheLaunchTemplateUses() throws Exception {
        f = new ReplicationFixture("""
                  - {id: web, kind: ec2-instance, resourceId: %1$s, rpoTargetSeconds: 900, retention: {keepLast: 1}}
                """, "");
        for (int cycle = 0; cycle < 3; cycle++) {
            f.wiring.engine().startCycle(Optional.of("web"));
            runAllToCompletion();
            f.clock.advance(Duration.ofMinutes(15));
        }

        assertThat(f.simulator.journal().select(c -> c.action().equals("DeregisterImage") && c.status() == 200))
                .hasSize(4);
        // One call per image: its snapshots go with DeleteAssociatedSnapshots, and CopyImage tagged them.
        assertThat(f.simulator.journal().select(c -> c.action().equals("DeleteSnapshot")
                || c.action().equals("CreateTags"))).isEmpty();
        try (Ec2Client dr = f.clients.ec2("us-west-2"); Ec2Client primary = f.clients.ec2("us-east-1")) {
            var drImages = dr.describeImages(r -> r.owners("self")).images();
            assertThat(drImages).singleElement();
            assertThat(primary.describeImages(r -> r.owners("self")).images()).singleElement();
            // The copies' snapshots were tagged by drc, so they are found, and only the kept AMI's remain.
            List<String> kept = drImages.get(0).blockDeviceMappings().stream().map(m -> m.ebs().snapshotId()).toList();
            assertThat(drcSnapshots(dr)).extracting(Snapshot::snapshotId).containsExactlyInAnyOrderElementsOf(kept);
            assertThat(dr.describeLaunchTemplateVersions(r -> r.launchTemplateName("web-lt").versions("$Default"))
                    .launchTemplateVersions().get(0).launchTemplateData().imageId()).isEqualTo(drImages.get(0).imageId());
        }
    }

    static List<Snapshot> drcSnapshots(Ec2Client ec2) {
        return ec2.describeSnapshots(r -> r.ownerIds("self").filters(
                Filter.builder().name("tag:drc:application").values("shop").build())).snapshots();
    }

    static Tag tag(String key, String value) {
        return Tag.builder().key(key).value(value).build();
    }
}
