package io.drc.simulator.rds;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** One simulated manual DB snapshot (or a copy of one) as the simulator keeps it. */
final class DbSnapshotRecord {
    String identifier;
    String region;
    String instanceIdentifier;
    String instanceClass;
    String resourceId;
    String status;
    String engine;
    String engineVersion;
    int allocatedStorage;
    String storageType;
    Integer iops;
    String masterUsername;
    boolean encrypted;
    String kmsKeyId;
    String availabilityZone;
    Instant instanceCreatedAt;
    /** When this snapshot (or this copy) was taken: AWS's SnapshotCreateTime changes for a copy. */
    Instant createdAt;
    /** When the CreateDBSnapshot behind it ran; kept by every copy (AWS's OriginalSnapshotCreateTime). */
    Instant originalCreatedAt;
    /** When the snapshot turns available; progress grows towards it. */
    Instant readyAt;
    /** Made by CopyDBSnapshot: counts against the concurrent copies into its region while in progress. */
    boolean copy;
    /** For a cross-region copy: the source snapshot's ARN and region (AWS shows them for such copies only). */
    String copiedFrom;
    String sourceRegion;
    final Map<String, String> tags = new LinkedHashMap<>();

    boolean inProgress() {
        return "creating".equals(status) || "pending".equals(status);
    }

    boolean isCopy() {
        return copy;
    }
}
