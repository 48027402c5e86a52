package io.drc.simulator.rds;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.rds.model.DBInstance;
import software.amazon.awssdk.services.rds.model.DBInstanceStatusInfo;
import software.amazon.awssdk.services.rds.model.DBSnapshot;
import software.amazon.awssdk.services.rds.model.Endpoint;
import software.amazon.awssdk.services.rds.model.PendingModifiedValues;
import software.amazon.awssdk.services.rds.model.Tag;

/** The simulator's RDS records as the SDK model objects RDS answers with. */
final class RdsModel {
    private RdsModel() {
    }

    static DBInstance instance(DbInstanceRecord i) {
        DBInstance.Builder b = DBInstance.builder()
                .dbInstanceIdentifier(i.identifier)
                .dbInstanceArn(RdsNames.instanceArn(i.region, i.identifier))
                .dbiResourceId(i.resourceId)
                .dbInstanceClass(i.instanceClass)
                .engine(i.engine)
                .engineVersion(i.engineVersion)
                .dbInstanceStatus(i.status)
                .allocatedStorage(i.allocatedStorage)
                .multiAZ(i.multiAz)
                .storageEncrypted(i.storageEncrypted)
                .kmsKeyId(i.kmsKeyId)
                .availabilityZone(i.availabilityZone)
                .instanceCreateTime(i.createdAt)
                .backupRetentionPeriod(1)
                .readReplicaDBInstanceIdentifiers(i.replicaIdentifiers)
                .tagList(tags(i.tags));
        if (!"creating".equals(i.status)) {
            b.endpoint(Endpoint.builder()
                    .address(i.identifier + ".c0drcsim0000." + i.region + ".rds.amazonaws.com")
                    .port(port(i.engine))
                    .hostedZoneId("Z2R2ITUGPM61AM")
                    .build());
        }
        if (i.isReplica()) {
            b.readReplicaSourceDBInstanceIdentifier(RdsNames.shownFrom(i.region, i.replicaSourceRegion, i.replicaSourceId));
        }
        if (i.isReplica() && i.replicationStatus != null) {
            b.statusInfos(DBInstanceStatusInfo.builder().statusType("read replication")
                    .normal(i.replicating()).status(i.replicationStatus).build());
        }
        if (i.pendingChange != null) {
            b.pendingModifiedValues(PendingModifiedValues.builder().dbInstanceClass(i.pendingChange.instanceClass())
                    .multiAZ(i.pendingChange.multiAz()).allocatedStorage(i.pendingChange.allocatedStorage()).build());
        }
        return b.build();
    }

    static DBSnapshot snapshot(DbSnapshotRecord s, Instant now) {
        return DBSnapshot.builder()
                .dbSnapshotIdentifier(s.identifier)
                .dbSnapshotArn(RdsNames.snapshotArn(s.region, s.identifier))
                .dbInstanceIdentifier(s.instanceIdentifier)
                .dbiResourceId(s.resourceId)
                .snapshotCreateTime(s.createdAt)
                .originalSnapshotCreateTime(s.originalCreatedAt)
                .instanceCreateTime(s.instanceCreatedAt)
                .engine(s.engine)
                .engineVersion(s.engineVersion)
                .allocatedStorage(s.allocatedStorage)
                .status(s.status)
                .port(port(s.engine))
                .availabilityZone(s.availabilityZone)
                .snapshotType("manual")
                .percentProgress(progress(s, now))
                .encrypted(s.encrypted)
                .kmsKeyId(s.kmsKeyId)
                .sourceRegion(s.sourceRegion)
                .sourceDBSnapshotIdentifier(s.copiedFrom)
                .storageType("gp2")
                .tagList(tags(s.tags))
                .build();
    }

    /** A snapshot being taken grows towards 100%; a copy waiting in its queue shows none. */
    private static int progress(DbSnapshotRecord s, Instant now) {
        if ("available".equals(s.status)) {
            return 100;
        }
        if (!"creating".equals(s.status)) {
            return 0;
        }
        long total = Duration.between(s.createdAt, s.readyAt).toMillis();
        long done = Duration.between(s.createdAt, now).toMillis();
        return total <= 0 ? 99 : (int) Math.min(99, Math.max(0, done * 100 / total));
    }

    static List<Tag> tags(Map<String, String> tags) {
        return tags.entrySet().stream().map(e -> Tag.builder().key(e.getKey()).value(e.getValue()).build()).toList();
    }

    private static int port(String engine) {
        if (engine == null) {
            return 3306;
        }
        if (engine.contains("postgres")) {
            return 5432;
        }
        if (engine.startsWith("oracle")) {
            return 1521;
        }
        return engine.startsWith("sqlserver") ? 1433 : 3306;
    }
}
