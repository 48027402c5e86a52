package io.drc.simulator.rds;

import io.drc.simulator.core.RegionState;
import java.util.List;
import software.amazon.awssdk.services.rds.model.Tag;

/** How manual DB snapshots are taken and finished; shared by CreateDBSnapshot, final snapshots and copies. */
final class SnapshotLifecycle {
    private SnapshotLifecycle() {
    }

    /** Takes a snapshot of {@code instance} now: {@code creating}, then {@code available} after its timing. */
    static DbSnapshotRecord take(DbInstanceRecord instance, String id, List<Tag> tags, RegionState region) {
        DbSnapshotRecord s = new DbSnapshotRecord();
        s.identifier = id;
        s.region = region.name();
        s.instanceIdentifier = instance.identifier;
        s.instanceClass = instance.instanceClass;
        s.resourceId = instance.resourceId;
        s.engine = instance.engine;
        s.engineVersion = instance.engineVersion;
        s.allocatedStorage = instance.allocatedStorage;
        s.storageType = instance.storageType;
        s.iops = instance.iops;
        s.masterUsername = instance.masterUsername;
        s.encrypted = instance.storageEncrypted;
        s.kmsKeyId = instance.kmsKeyId;
        s.availabilityZone = instance.availabilityZone;
        s.instanceCreatedAt = instance.createdAt;
        s.createdAt = region.world().now();
        s.originalCreatedAt = s.createdAt;
        RdsTags.apply(s.tags, tags);
        finish(s, "creating", region, "rds.snapshot.create");
        return s;
    }

    /** Adds {@code snapshot} to its region in {@code status}; it turns available after {@code timingKey}. */
    static void finish(DbSnapshotRecord snapshot, String status, RegionState region, String timingKey) {
        finish(snapshot, status, region, timingKey, false);
    }

    /** As above; {@code fails}: it turns {@code failed} instead of available (a copy told to fail). */
    static void finish(DbSnapshotRecord snapshot, String status, RegionState region, String timingKey, boolean fails) {
        snapshot.status = status;
        RdsState.of(region).add(snapshot);
        snapshot.readyAt = region.world().after(timingKey, () -> {
            if (status.equals(snapshot.status)) {
                snapshot.status = fails ? "failed" : "available";
            }
        });
    }
}
