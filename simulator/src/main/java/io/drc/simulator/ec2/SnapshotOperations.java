package io.drc.simulator.ec2;

import io.drc.simulator.core.AwsError;
import io.drc.simulator.core.Pages;
import io.drc.simulator.core.RegionState;
import io.drc.simulator.core.World;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import software.amazon.awssdk.services.ec2.model.CreateSnapshotRequest;
import software.amazon.awssdk.services.ec2.model.CreateSnapshotResponse;
import software.amazon.awssdk.services.ec2.model.DeleteSnapshotRequest;
import software.amazon.awssdk.services.ec2.model.DeleteSnapshotResponse;
import software.amazon.awssdk.services.ec2.model.DescribeSnapshotsRequest;
import software.amazon.awssdk.services.ec2.model.DescribeSnapshotsResponse;
import software.amazon.awssdk.services.ec2.model.Snapshot;

/** CreateSnapshot, DescribeSnapshots, DeleteSnapshot (CopySnapshot is in {@link SnapshotCopyOperations}). */
public final class SnapshotOperations {
    private static final Ec2Filters<Ec2Snapshot> FILTERS = Ec2Filters.ofResources(
            Map.<String, Function<Ec2Snapshot, Object>>of(
            "snapshot-id", s -> s.id,
            "status", s -> s.status,
            "volume-id", s -> s.volumeId,
            "volume-size", s -> s.volumeSize,
            "description", s -> s.description,
            "encrypted", s -> s.encrypted,
            "owner-id", s -> World.ACCOUNT_ID));

    public CreateSnapshotResponse createSnapshot(CreateSnapshotRequest request, RegionState region) {
        Ec2Volume volume = Ec2State.of(region).volume(request.volumeId());
        var tags = Ec2Tags.specified(request.tagSpecifications(), "snapshot");
        Ec2Snapshot snapshot = Ec2Snapshots.start(region, new Ec2Snapshots.Spec(volume.id, volume.size,
                request.description() == null ? "" : request.description(), volume.encrypted, volume.kmsKeyId,
                Ec2Snapshot.Origin.CREATE_SNAPSHOT, null), "ec2.snapshot.create");
        snapshot.tags.putAll(tags);
        Snapshot view = view(snapshot, region.world().now());
        return CreateSnapshotResponse.builder().snapshotId(view.snapshotId()).volumeId(view.volumeId())
                .volumeSize(view.volumeSize()).description(view.description()).state(view.state())
                .progress(view.progress()).startTime(view.startTime()).ownerId(view.ownerId())
                .encrypted(view.encrypted()).kmsKeyId(view.kmsKeyId()).tags(view.tags()).build();
    }

    public DescribeSnapshotsResponse describeSnapshots(DescribeSnapshotsRequest request, RegionState region) {
        List<Ec2Snapshot> selected = Ec2Query.select(Ec2State.of(region).snapshots, Ec2Kind.SNAPSHOT,
                request.snapshotIds(), request.filters(), FILTERS).stream()
                .filter(s -> request.ownerIds().isEmpty() || request.ownerIds().contains("self")
                        || request.ownerIds().contains(World.ACCOUNT_ID))
                .toList();
        Pages.Page<Ec2Snapshot> page = Ec2Query.page(selected, request.snapshotIds(), request.nextToken(),
                request.maxResults());
        Instant now = region.world().now();
        return DescribeSnapshotsResponse.builder().snapshots(page.items().stream().map(s -> view(s, now)).toList())
                .nextToken(page.nextToken()).build();
    }

    public DeleteSnapshotResponse deleteSnapshot(DeleteSnapshotRequest request, RegionState region) {
        Ec2State ec2 = Ec2State.of(region);
        Ec2Snapshot snapshot = ec2.snapshot(request.snapshotId());
        ec2.images.values().stream().filter(i -> i.usesSnapshot(snapshot.id)).findFirst().ifPresent(i -> {
            throw AwsError.badRequest("InvalidSnapshot.InUse", "The snapshot " + snapshot.id
                    + " is currently in use by " + i.id);
        });
        ec2.snapshots.remove(snapshot.id);
        return DeleteSnapshotResponse.builder().build();
    }

    private static Snapshot view(Ec2Snapshot s, Instant now) {
        return Snapshot.builder().snapshotId(s.id).volumeId(s.volumeId).volumeSize(s.volumeSize)
                .description(s.description).state(s.status).progress(s.progress(now)).startTime(s.createdAt)
                .ownerId(World.ACCOUNT_ID).encrypted(s.encrypted).kmsKeyId(s.kmsKeyId).storageTier("standard")
                .stateMessage(s.stateMessage).tags(Ec2Tags.sdk(s)).build();
    }
}
