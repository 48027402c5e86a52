package io.drc.simulator.ec2;

import io.drc.simulator.core.AwsError;
import io.drc.simulator.core.RegionState;
import software.amazon.awssdk.services.ec2.model.CopySnapshotRequest;
import software.amazon.awssdk.services.ec2.model.CopySnapshotResponse;

/**
 * CopySnapshot, called in the destination region with {@code SourceRegion}. There is no ClientToken; at most
 * {@link Ec2State#DEFAULT_CONCURRENT_SNAPSHOT_COPIES} copies may be pending per destination region, the next
 * one gets {@code ResourceLimitExceeded} (which the SDK does not retry). A copy told to fail
 * ({@link Ec2State#snapshotCopyFailures()}) is accepted and ends in {@code error} when it would have completed.
 */
public final class SnapshotCopyOperations {

    public CopySnapshotResponse copySnapshot(CopySnapshotRequest request, RegionState region) {
        if (request.sourceRegion() == null) {
            throw AwsError.missingParameter("SourceRegion");
        }
        if (request.sourceSnapshotId() == null) {
            throw AwsError.missingParameter("SourceSnapshotId");
        }
        if (request.destinationRegion() != null && !request.destinationRegion().equals(region.name())) {
            throw AwsError.badRequest("InvalidParameterValue", "The destination region " + request.destinationRegion()
                    + " does not match the region of the request, " + region.name());
        }
        Ec2Snapshot source = Ec2State.of(region.world().region(request.sourceRegion()))
                .snapshot(request.sourceSnapshotId());
        if (!source.status.equals("completed")) {
            throw AwsError.badRequest("IncorrectState", "Snapshot " + source.id + " is not in a valid state: "
                    + source.status);
        }
        boolean encrypted = source.encrypted || Boolean.TRUE.equals(request.encrypted());
        String kmsKeyId = KmsKeys.effective(region, encrypted, request.kmsKeyId());
        requireCopyQuota(Ec2State.of(region));
        var tags = Ec2Tags.specified(request.tagSpecifications(), "snapshot");
        Ec2Snapshot copy = Ec2Snapshots.start(region, new Ec2Snapshots.Spec(Ec2Snapshot.COPIED_VOLUME_ID,
                source.volumeSize, request.description() != null ? request.description()
                        : "[Copied " + source.id + " from " + request.sourceRegion() + "]",
                encrypted, kmsKeyId, Ec2Snapshot.Origin.COPY_SNAPSHOT, source.id), "ec2.snapshot.copy",
                Ec2State.of(region).snapshotCopyFailures().draw().orElse(null));
        copy.tags.putAll(tags);
        return CopySnapshotResponse.builder().snapshotId(copy.id).tags(Ec2Tags.sdk(copy)).build();
    }

    private static void requireCopyQuota(Ec2State destination) {
        long pending = destination.snapshots.values().stream().filter(Ec2Snapshot::isPendingCopy).count();
        if (pending >= destination.concurrentSnapshotCopyLimit()) {
            throw AwsError.badRequest("ResourceLimitExceeded", "You have exceeded the maximum number of concurrent "
                    + "snapshot copies (" + destination.concurrentSnapshotCopyLimit() + ") for this region.");
        }
    }
}
