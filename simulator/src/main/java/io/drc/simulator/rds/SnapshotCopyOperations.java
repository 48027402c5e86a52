package io.drc.simulator.rds;

import io.drc.simulator.core.RegionState;
import software.amazon.awssdk.services.rds.model.CopyDbSnapshotRequest;
import software.amazon.awssdk.services.rds.model.CopyDbSnapshotResponse;

/**
 * CopyDBSnapshot, called in the destination region; a cross-region source is named by ARN (the SDK and CLI turn
 * SourceRegion into a PreSignedUrl, which the simulator accepts). A cross-region copy waits {@code pending} without
 * progress until it is {@code available}; at most {@link RdsState#DEFAULT_CONCURRENT_COPY_LIMIT} copies run into a
 * region at once and the next one is refused, as AWS does. The copy's SnapshotCreateTime is when it was copied; its
 * OriginalSnapshotCreateTime stays the source's. A copy told to fail ({@link RdsState#snapshotCopyFailures()})
 * turns {@code failed} when it would have been available.
 */
public final class SnapshotCopyOperations {

    public CopyDbSnapshotResponse copyDBSnapshot(CopyDbSnapshotRequest request, RegionState region) {
        String targetId = RdsNames.newIdentifier(request.targetDBSnapshotIdentifier(), "TargetDBSnapshotIdentifier", 255);
        String sourceName = RdsNames.required(request.sourceDBSnapshotIdentifier(), "SourceDBSnapshotIdentifier");
        RdsNames.ResourceName sourceRef = RdsNames.parse(sourceName, "snapshot", region);
        DbSnapshotRecord source = RdsState.of(region.world().region(sourceRef.region())).findSnapshot(sourceRef.id())
                .orElseThrow(() -> RdsErrors.snapshotNotFound(sourceName));
        if (!"available".equals(source.status)) {
            throw RdsErrors.invalidSnapshotState("Snapshot " + sourceName + " is not in available state.");
        }
        RdsState state = RdsState.of(region);
        if (state.findSnapshot(targetId).isPresent()) {
            throw RdsErrors.snapshotAlreadyExists(targetId);
        }
        if (state.copiesInProgress() >= state.concurrentCopyLimit()) {
            throw RdsErrors.snapshotQuotaExceeded("Cannot copy snapshot " + sourceName + ": " + state.concurrentCopyLimit()
                    + " concurrent snapshot copies into " + region.name() + " are already in progress.");
        }
        DbSnapshotRecord copy = copyOf(source, targetId, region);
        copy.kmsKeyId = copyKey(request.kmsKeyId(), source, sourceRef.isIn(region), region);
        copy.encrypted = copy.kmsKeyId != null;
        if (!sourceRef.isIn(region)) {
            copy.copiedFrom = RdsNames.snapshotArn(source.region, source.identifier);
            copy.sourceRegion = source.region;
        }
        if (Boolean.TRUE.equals(request.copyTags())) {
            copy.tags.putAll(source.tags);
        }
        RdsTags.apply(copy.tags, request.tags());
        SnapshotLifecycle.finish(copy, sourceRef.isIn(region) ? "creating" : "pending", region, "rds.snapshot.copy",
                state.snapshotCopyFailures().draw().isPresent());
        return CopyDbSnapshotResponse.builder().dbSnapshot(RdsModel.snapshot(copy, region.world().now())).build();
    }

    private static DbSnapshotRecord copyOf(DbSnapshotRecord source, String id, RegionState region) {
        DbSnapshotRecord c = new DbSnapshotRecord();
        c.identifier = id;
        c.region = region.name();
        c.copy = true;
        c.instanceIdentifier = source.instanceIdentifier;
        c.instanceClass = source.instanceClass;
        c.resourceId = source.resourceId;
        c.engine = source.engine;
        c.engineVersion = source.engineVersion;
        c.allocatedStorage = source.allocatedStorage;
        c.storageType = source.storageType;
        c.iops = source.iops;
        c.masterUsername = source.masterUsername;
        c.availabilityZone = region.name() + "a";
        c.instanceCreatedAt = source.instanceCreatedAt;
        c.createdAt = region.world().now();
        c.originalCreatedAt = source.originalCreatedAt;
        return c;
    }

    /** An encrypted copy needs a key of the destination region; across regions the caller must name one. */
    private static String copyKey(String requested, DbSnapshotRecord source, boolean sameRegion, RegionState region) {
        String key = RdsNames.kmsKeyOf(requested, region);
        if (key != null || !source.encrypted) {
            return key;
        }
        if (!sameRegion) {
            throw RdsErrors.invalidParameterCombination(
                    "KmsKeyId is required to copy an encrypted snapshot to another region.");
        }
        return source.kmsKeyId;
    }
}
