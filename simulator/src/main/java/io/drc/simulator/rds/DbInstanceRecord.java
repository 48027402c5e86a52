package io.drc.simulator.rds;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One simulated DB instance as the simulator keeps it (plain fields, so the admin API can show it). A read
 * replica names its source by region and identifier; the source keeps the replicas it feeds as AWS shows them
 * (identifier in the same region, ARN across regions).
 */
final class DbInstanceRecord {
    /** A modification waiting to be applied (ApplyImmediately false, or while the instance is modifying). */
    record PendingChange(String instanceClass, Boolean multiAz, Integer allocatedStorage) { }

    String identifier;
    String region;
    String resourceId;
    String status;
    String instanceClass;
    String engine;
    String engineVersion;
    int allocatedStorage;
    /** gp3 unless asked (AWS's default since 2024; io1 when Iops is given). */
    String storageType = "gp3";
    Integer iops;
    boolean publiclyAccessible;
    /** Days of automated backups: 1 by default, 0 on a read replica until it is promoted. */
    int backupRetentionPeriod = 1;
    String preferredBackupWindow = "03:00-03:30";
    String preferredMaintenanceWindow = "sun:05:00-sun:05:30";
    String masterUsername;
    String dbName;
    boolean deletionProtection;
    boolean multiAz;
    boolean storageEncrypted;
    String kmsKeyId;
    String availabilityZone;
    Instant createdAt;
    PendingChange pendingChange;
    String replicaSourceRegion;
    String replicaSourceId;
    /** {@code replicating}, {@code error} or {@code terminated}; null until replication starts. */
    String replicationStatus;
    /** Lag set by a test or drill; null for the simulator's own small lag. */
    Double lagSeconds;
    final List<String> replicaIdentifiers = new ArrayList<>();
    final Map<String, String> tags = new LinkedHashMap<>();

    boolean isReplica() {
        return replicaSourceId != null;
    }

    boolean replicating() {
        return isReplica() && "replicating".equals(replicationStatus);
    }

    /** Moves to {@code to} only if still {@code from}: a later operation (delete) wins over a stale transition. */
    boolean transition(String from, String to) {
        if (!from.equals(status)) {
            return false;
        }
        status = to;
        return true;
    }
}
