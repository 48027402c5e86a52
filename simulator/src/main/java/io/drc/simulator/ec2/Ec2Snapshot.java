package io.drc.simulator.ec2;

import java.time.Duration;
import java.time.Instant;

/**
 * An EBS snapshot: {@code pending → completed} (or {@code error} with a StateMessage), with a progress that grows
 * with time while pending.
 */
final class Ec2Snapshot extends Ec2Resource {
    /** Why the snapshot exists: only CopySnapshot copies count against the concurrent-copy quota. */
    enum Origin { CREATE_SNAPSHOT, CREATE_IMAGE, COPY_SNAPSHOT, COPY_IMAGE }

    /** AWS shows this volume id on snapshots made by copying. */
    static final String COPIED_VOLUME_ID = "vol-ffffffff";

    final String volumeId;
    final int volumeSize;
    final String description;
    final boolean encrypted;
    final String kmsKeyId;
    final Origin origin;
    final String sourceSnapshotId;
    String status = "pending";
    /** Why the snapshot ended in {@code error}; AWS shows it in DescribeSnapshots only. */
    String stateMessage;
    Instant completesAt;

    Ec2Snapshot(String id, Instant startTime, String volumeId, int volumeSize, String description, boolean encrypted,
                String kmsKeyId, Origin origin, String sourceSnapshotId) {
        super(id, startTime);
        this.volumeId = volumeId;
        this.volumeSize = volumeSize;
        this.description = description;
        this.encrypted = encrypted;
        this.kmsKeyId = kmsKeyId;
        this.origin = origin;
        this.sourceSnapshotId = sourceSnapshotId;
    }

    String progress(Instant now) {
        if (status.equals("completed")) {
            return "100%";
        }
        long total = Duration.between(createdAt, completesAt).toMillis();
        long done = Duration.between(createdAt, now).toMillis();
        long percent = total <= 0 ? 99 : Math.min(99, done * 100 / total);
        return percent + "%";
    }

    boolean isPendingCopy() {
        return origin == Origin.COPY_SNAPSHOT && status.equals("pending");
    }
}
