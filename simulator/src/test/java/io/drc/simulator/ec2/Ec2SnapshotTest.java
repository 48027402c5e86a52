package io.drc.simulator.ec2;

import static io.drc.simulator.ec2.ComputeFixture.EAST;
import static io.drc.simulator.ec2.ComputeFixture.WEST;
import static io.drc.simulator.ec2.ComputeFixture.errorCode;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.DescribeSnapshotsResponse;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.Snapshot;
import software.amazon.awssdk.services.ec2.model.TagSpecification;

class Ec2SnapshotTest {
    private ComputeFixture fixture;
    private Ec2Client east;
    private Ec2Client west;
    private String volumeId;

    @BeforeEach
    void start() {
        fixture = ComputeFixture.start();
        east = fixture.clients.ec2(EAST);
        west = fixture.clients.ec2(WEST);
        volumeId = east.createVolume(r -> r.availabilityZone("us-east-1a").size(20).volumeType("gp3")).volumeId();
    }

    @AfterEach
    void stop() {
        east.close();
        west.close();
        fixture.close();
    }

    private String snapshot(String app) {
        return east.createSnapshot(r -> r.volumeId(volumeId).description("backup")
                .tagSpecifications(TagSpecification.builder().resourceType(ResourceType.SNAPSHOT)
                        .tags(t -> t.key("app").value(app)).build())).snapshotId();
    }

    private Snapshot describe(Ec2Client client, String id) {
        return client.describeSnapshots(r -> r.snapshotIds(id)).snapshots().get(0);
    }

    private String copyToWest(String sourceId) {
        return west.copySnapshot(r -> r.sourceRegion(EAST).sourceSnapshotId(sourceId).destinationRegion(WEST))
                .snapshotId();
    }

    @Test
    void snapshotProgressGrowsUntilCompleted() {
        String id = snapshot("web");
        assertThat(describe(east, id)).satisfies(s -> {
            assertThat(s.stateAsString()).isEqualTo("pending");
            assertThat(s.progress()).isEqualTo("0%");
            assertThat(s.volumeSize()).isEqualTo(20);
        });
        fixture.advance(fixture.simulator.world().timings().of("ec2.snapshot.create").dividedBy(2));
        assertThat(describe(east, id).progress()).isEqualTo("50%");
        fixture.advancePast("ec2.snapshot.create");
        assertThat(describe(east, id)).satisfies(s -> {
            assertThat(s.stateAsString()).isEqualTo("completed");
            assertThat(s.progress()).isEqualTo("100%");
        });
    }

    @Test
    void the21stConcurrentCopyIsRefusedUntilOneCompletes() {
        String source = snapshot("web");
        assertThat(errorCode(() -> copyToWest(source))).isEqualTo("IncorrectState");
        fixture.advancePast("ec2.snapshot.create");
        for (int i = 0; i < Ec2State.DEFAULT_CONCURRENT_SNAPSHOT_COPIES; i++) {
            copyToWest(source);
            fixture.advance(Duration.ofSeconds(1));
        }
        assertThat(errorCode(() -> copyToWest(source))).isEqualTo("ResourceLimitExceeded");
        fixture.advance(fixture.simulator.world().timings().of("ec2.snapshot.copy")
                .minusSeconds(Ec2State.DEFAULT_CONCURRENT_SNAPSHOT_COPIES));
        Snapshot copy = describe(west, copyToWest(source));
        assertThat(copy.stateAsString()).isEqualTo("pending");
        assertThat(copy.volumeId()).isEqualTo("vol-ffffffff");
        assertThat(west.describeSnapshots(r -> r.filters(f -> f.name("status").values("completed"))).snapshots())
                .hasSize(1);
        assertThat(errorCode(() -> copyToWest(source))).isEqualTo("ResourceLimitExceeded");
    }

    @Test
    void copyLimitIsConfigurableAndCopiesRespectKmsRules() {
        String source = snapshot("web");
        fixture.advancePast("ec2.snapshot.create");
        fixture.inRegion(WEST, r -> {
            Ec2State.of(r).setConcurrentSnapshotCopyLimit(1);
            return null;
        });
        assertThat(errorCode(() -> west.copySnapshot(r -> r.sourceRegion(EAST).sourceSnapshotId(source)
                .destinationRegion(WEST).kmsKeyId("arn:aws:kms:us-west-2:123456789012:key/k"))))
                .isEqualTo("InvalidParameterDependency");
        assertThat(errorCode(() -> west.copySnapshot(r -> r.sourceRegion(EAST).sourceSnapshotId(source)
                .destinationRegion(WEST).encrypted(true).kmsKeyId("arn:aws:kms:us-east-1:123456789012:key/k"))))
                .isEqualTo("InvalidParameterValue");
        String copy = west.copySnapshot(r -> r.sourceRegion(EAST).sourceSnapshotId(source).destinationRegion(WEST)
                .encrypted(true).kmsKeyId("arn:aws:kms:us-west-2:123456789012:key/k")).snapshotId();
        assertThat(describe(west, copy).encrypted()).isTrue();
        assertThat(errorCode(() -> copyToWest(source))).isEqualTo("ResourceLimitExceeded");
        assertThat(errorCode(() -> copyToWest("snap-0123456789abcdef0"))).isEqualTo("InvalidSnapshot.NotFound");
    }

    @Test
    void describeSnapshotsFiltersByTagStatusVolumeAndPages() {
        for (int i = 0; i < 7; i++) {
            snapshot(i < 4 ? "web" : "db");
        }
        assertThat(east.describeSnapshots(r -> r.ownerIds("self").filters(f -> f.name("tag:app").values("db")))
                .snapshots()).hasSize(3);
        assertThat(east.describeSnapshots(r -> r.filters(f -> f.name("volume-id").values(volumeId))).snapshots())
                .hasSize(7);
        assertThat(east.describeSnapshots(r -> r.filters(f -> f.name("status").values("completed"))).snapshots())
                .isEmpty();
        DescribeSnapshotsResponse first = east.describeSnapshots(r -> r.ownerIds("self").maxResults(5));
        assertThat(first.snapshots()).hasSize(5);
        assertThat(east.describeSnapshots(r -> r.ownerIds("self").maxResults(5).nextToken(first.nextToken()))
                .snapshots()).hasSize(2);
        assertThat(east.describeSnapshotsPaginator(r -> r.maxResults(5)).snapshots().stream().count()).isEqualTo(7);
        assertThat(errorCode(() -> east.describeSnapshots(r -> r.snapshotIds("snap-x")))).isEqualTo("InvalidSnapshotID.Malformed");
    }

    @Test
    void volumesAreCreatingThenAvailableAndCanBeDeleted() {
        assertThat(east.describeVolumes(r -> r.volumeIds(volumeId)).volumes().get(0).stateAsString()).isEqualTo("creating");
        fixture.advancePast("ec2.volume.create");
        assertThat(east.describeVolumes(r -> r.filters(f -> f.name("status").values("available"))).volumes())
                .singleElement().satisfies(v -> assertThat(v.size()).isEqualTo(20));
        east.deleteVolume(r -> r.volumeId(volumeId));
        assertThat(errorCode(() -> east.describeVolumes(r -> r.volumeIds(volumeId)))).isEqualTo("InvalidVolume.NotFound");
        assertThat(errorCode(() -> east.createVolume(r -> r.size(1)))).isEqualTo("MissingParameter");
    }
}
