package io.drc.simulator.ec2;

import io.drc.simulator.core.RegionState;

/**
 * Starts EBS snapshots (from a volume, for an image, or as a copy): pending, then completed after a timing key —
 * or {@code error} with a StateMessage when a copy was told to fail.
 */
final class Ec2Snapshots {
    private Ec2Snapshots() {
    }

    /** What a new snapshot is of and why it is made. */
    record Spec(String volumeId, int volumeSize, String description, boolean encrypted, String kmsKeyId,
                Ec2Snapshot.Origin origin, String sourceSnapshotId) { }

    static Ec2Snapshot start(RegionState region, Spec spec, String timingKey) {
        return start(region, spec, timingKey, null);
    }

    /** {@code failure}: null to complete, else the StateMessage of an {@code error} at the same moment. */
    static Ec2Snapshot start(RegionState region, Spec spec, String timingKey, String failure) {
        Ec2Snapshot snapshot = new Ec2Snapshot(region.world().ids().next("snap"), region.world().now(),
                spec.volumeId(), spec.volumeSize(), spec.description(), spec.encrypted(), spec.kmsKeyId(),
                spec.origin(), spec.sourceSnapshotId());
        Ec2State.of(region).snapshots.put(snapshot.id, snapshot);
        snapshot.completesAt = region.world().after(timingKey, () -> {
            if (snapshot.status.equals("pending")) {
                snapshot.status = failure == null ? "completed" : "error";
                snapshot.stateMessage = failure;
            }
        });
        return snapshot;
    }
}
