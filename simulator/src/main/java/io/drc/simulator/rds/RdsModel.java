package io.drc.simulator.rds;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.rds.model.AvailabilityZone;
import software.amazon.awssdk.services.rds.model.DBInstance;
import software.amazon.awssdk.services.rds.model.DBParameterGroupStatus;
import software.amazon.awssdk.services.rds.model.DBSubnetGroup;
import software.amazon.awssdk.services.rds.model.OptionGroupMembership;
import software.amazon.awssdk.services.rds.model.Subnet;
import software.amazon.awssdk.services.rds.model.VpcSecurityGroupMembership;
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
                .masterUsername(i.masterUsername)
                .dbName(i.dbName)
                .allocatedStorage(i.allocatedStorage)
                .storageType(i.storageType)
                .iops(iops(i.storageType, i.iops))
                .storageThroughput("gp3".equals(i.storageType) ? 125 : null)
                .multiAZ(i.multiAz)
                .secondaryAvailabilityZone(i.multiAz ? i.region + "b" : null)
                .storageEncrypted(i.storageEncrypted)
                .kmsKeyId(i.kmsKeyId)
                .availabilityZone(i.availabilityZone)
                .instanceCreateTime(i.createdAt)
                .backupRetentionPeriod(i.backupRetentionPeriod)
                .preferredBackupWindow(i.preferredBackupWindow)
                .preferredMaintenanceWindow(i.preferredMaintenanceWindow)
                .publiclyAccessible(i.publiclyAccessible)
                .deletionProtection(i.deletionProtection)
                .pendingModifiedValues(pending(i.pendingChange))
                .readReplicaDBInstanceIdentifiers(i.replicaIdentifiers)
                .readReplicaDBClusterIdentifiers(List.of())
                .tagList(tags(i.tags));
        defaults(b, i);
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
        return b.build();
    }

    /** What RDS shows for settings the simulator does not model: their defaults, always present. */
    private static void defaults(DBInstance.Builder b, DbInstanceRecord i) {
        String vpc = "vpc-" + hex(i.region, 17);
        b.dbInstancePort(0)
                .licenseModel(licenseModel(i.engine))
                .autoMinorVersionUpgrade(true)
                .caCertificateIdentifier("rds-ca-rsa2048-g1")
                .copyTagsToSnapshot(false)
                .monitoringInterval(0)
                .iamDatabaseAuthenticationEnabled(false)
                .performanceInsightsEnabled(false)
                .customerOwnedIpEnabled(false)
                .backupTarget("region")
                .networkType("IPV4")
                .activityStreamStatus("stopped")
                .dedicatedLogVolume(false)
                .dbSecurityGroups(List.of())
                .domainMemberships(List.of())
                .associatedRoles(List.of())
                .vpcSecurityGroups(VpcSecurityGroupMembership.builder().vpcSecurityGroupId("sg-" + hex(i.region, 17))
                        .status("active").build())
                .dbParameterGroups(DBParameterGroupStatus.builder()
                        .dbParameterGroupName("default." + family(i.engine, i.engineVersion))
                        .parameterApplyStatus("in-sync").build())
                .optionGroupMemberships(OptionGroupMembership.builder()
                        .optionGroupName("default:" + i.engine + "-" + majorVersion(i.engineVersion).replace('.', '-'))
                        .status("in-sync").build())
                .dbSubnetGroup(DBSubnetGroup.builder().dbSubnetGroupName("default")
                        .dbSubnetGroupDescription("default").vpcId(vpc).subnetGroupStatus("Complete")
                        .subnets(List.of("a", "b", "c").stream().map(zone -> Subnet.builder()
                                .subnetIdentifier("subnet-" + hex(i.region + zone, 17))
                                .subnetAvailabilityZone(AvailabilityZone.builder().name(i.region + zone).build())
                                .subnetStatus("Active").build()).toList())
                        .build());
    }

    /** Nothing pending shows as an empty PendingModifiedValues, as RDS answers. */
    private static PendingModifiedValues pending(DbInstanceRecord.PendingChange change) {
        if (change == null) {
            return PendingModifiedValues.builder().build();
        }
        return PendingModifiedValues.builder().dbInstanceClass(change.instanceClass()).multiAZ(change.multiAz())
                .allocatedStorage(change.allocatedStorage()).build();
    }

    /** gp3 below 400 GiB has a baseline of 3,000 IOPS; io1/io2 show what was provisioned; gp2 none. */
    private static Integer iops(String storageType, Integer provisioned) {
        return "gp3".equals(storageType) && provisioned == null ? Integer.valueOf(3000) : provisioned;
    }

    static String licenseModel(String engine) {
        if (engine == null) {
            return null;
        }
        if (engine.contains("postgres")) {
            return "postgresql-license";
        }
        return engine.startsWith("oracle") || engine.startsWith("sqlserver") ? "license-included"
                : "general-public-license";
    }

    /** The parameter group family of an engine version: postgres 16.3 → postgres16, mysql 8.0.35 → mysql8.0. */
    private static String family(String engine, String version) {
        return engine + majorVersion(version);
    }

    private static String majorVersion(String version) {
        String[] parts = version == null ? new String[] {""} : version.split("\\.");
        boolean twoPart = parts.length > 1 && Integer.parseInt("0" + parts[0].replaceAll("\\D", "")) < 10;
        return twoPart ? parts[0] + "." + parts[1] : parts[0];
    }

    /** A stable AWS-shaped hex id for something the simulator does not model (a VPC, a subnet). */
    private static String hex(String seed, int digits) {
        String hash = String.format("%016x", (long) seed.hashCode() * 0x9E3779B97F4A7C15L);
        return (hash + hash).substring(0, digits);
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
                .storageType(s.storageType)
                .iops(s.iops)
                .masterUsername(s.masterUsername)
                .licenseModel(licenseModel(s.engine))
                .iamDatabaseAuthenticationEnabled(false)
                .processorFeatures(List.of())
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
