package io.drc.simulator.rds;

import io.drc.simulator.core.Pages;
import io.drc.simulator.core.RegionState;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import software.amazon.awssdk.services.rds.model.CreateDbInstanceRequest;
import software.amazon.awssdk.services.rds.model.CreateDbInstanceResponse;
import software.amazon.awssdk.services.rds.model.DeleteDbInstanceRequest;
import software.amazon.awssdk.services.rds.model.DeleteDbInstanceResponse;
import software.amazon.awssdk.services.rds.model.DescribeDbInstancesRequest;
import software.amazon.awssdk.services.rds.model.DescribeDbInstancesResponse;

/** RDS DB instances: create, describe and delete (with a final snapshot). */
public final class DbInstanceOperations {
    private static final Map<String, Function<DbInstanceRecord, List<String>>> FILTERS = Map.of(
            "db-instance-id", i -> List.of(i.identifier, RdsNames.instanceArn(i.region, i.identifier)),
            "dbi-resource-id", i -> List.of(i.resourceId),
            "engine", i -> List.of(i.engine));

    public CreateDbInstanceResponse createDBInstance(CreateDbInstanceRequest request, RegionState region) {
        DbInstanceRecord i = InstanceLifecycle.newInstance(
                RdsNames.newIdentifier(request.dbInstanceIdentifier(), "DBInstanceIdentifier", 63), region);
        i.instanceClass = RdsNames.required(request.dbInstanceClass(), "DBInstanceClass");
        i.engine = RdsNames.required(request.engine(), "Engine");
        i.engineVersion = request.engineVersion() != null ? request.engineVersion() : "8.0.35";
        i.allocatedStorage = request.allocatedStorage() != null ? request.allocatedStorage() : 20;
        i.multiAz = Boolean.TRUE.equals(request.multiAZ());
        i.storageType = storageType(request.storageType(), request.iops(), "gp3");
        i.iops = request.iops();
        i.masterUsername = request.masterUsername();
        i.dbName = request.dbName();
        i.publiclyAccessible = Boolean.TRUE.equals(request.publiclyAccessible());
        i.deletionProtection = Boolean.TRUE.equals(request.deletionProtection());
        i.backupRetentionPeriod = backupRetention(request.backupRetentionPeriod());
        if (request.preferredBackupWindow() != null) {
            i.preferredBackupWindow = request.preferredBackupWindow();
        }
        if (request.preferredMaintenanceWindow() != null) {
            i.preferredMaintenanceWindow = request.preferredMaintenanceWindow();
        }
        i.storageEncrypted = Boolean.TRUE.equals(request.storageEncrypted()) || request.kmsKeyId() != null;
        i.kmsKeyId = i.storageEncrypted ? kmsKeyOrDefault(request.kmsKeyId(), region) : null;
        RdsTags.apply(i.tags, request.tags());
        InstanceLifecycle.launch(i, region, "rds.instance.create");
        return CreateDbInstanceResponse.builder().dbInstance(RdsModel.instance(i)).build();
    }

    public DescribeDbInstancesResponse describeDBInstances(DescribeDbInstancesRequest request, RegionState region) {
        RdsState state = RdsState.of(region);
        List<DbInstanceRecord> instances = request.dbInstanceIdentifier() == null ? state.instances()
                : List.of(state.instance(id(request.dbInstanceIdentifier(), region)));
        Pages.Page<DbInstanceRecord> page = RdsQueries.page(
                RdsQueries.filter(instances, request.filters(), FILTERS), request.marker(), request.maxRecords());
        return DescribeDbInstancesResponse.builder()
                .dbInstances(page.items().stream().map(RdsModel::instance).toList())
                .marker(page.nextToken())
                .build();
    }

    public DeleteDbInstanceResponse deleteDBInstance(DeleteDbInstanceRequest request, RegionState region) {
        RdsState state = RdsState.of(region);
        DbInstanceRecord i = state.instance(id(request.dbInstanceIdentifier(), region));
        if ("deleting".equals(i.status)) {
            throw RdsErrors.invalidInstanceState("Instance " + i.identifier + " is already being deleted.");
        }
        if (i.deletionProtection) {
            throw RdsErrors.invalidParameterCombination(
                    "Cannot delete protected DB Instance, please disable deletion protection and try again.");
        }
        if (!Boolean.TRUE.equals(request.skipFinalSnapshot())) {
            if (request.finalDBSnapshotIdentifier() == null) {
                throw RdsErrors.invalidParameterCombination(
                        "FinalDBSnapshotIdentifier is required unless SkipFinalSnapshot is specified.");
            }
            SnapshotLifecycle.take(i, RdsNames.newIdentifier(request.finalDBSnapshotIdentifier(),
                    "FinalDBSnapshotIdentifier", 255), List.of(), region);
        }
        i.status = "deleting";
        region.world().after("rds.delete", () -> {
            state.remove(i);
            if (i.isReplica()) {
                InstanceLifecycle.unlink(i, region.world());
            }
            InstanceLifecycle.orphanReplicas(i, region.world());
        });
        return DeleteDbInstanceResponse.builder().dbInstance(RdsModel.instance(i)).build();
    }

    /** The identifier of an instance of {@code region} named by identifier or ARN. */
    static String id(String nameOrArn, RegionState region) {
        RdsNames.ResourceName name = RdsNames.parse(RdsNames.required(nameOrArn, "DBInstanceIdentifier"), "db", region);
        if (!name.isIn(region)) {
            throw RdsErrors.instanceNotFound(nameOrArn);
        }
        return name.id();
    }

    /** The instance, which must be {@code available} for the operation asked. */
    static DbInstanceRecord available(RdsState state, String id) {
        DbInstanceRecord i = state.instance(id);
        if (!"available".equals(i.status)) {
            throw RdsErrors.invalidInstanceState("Database instance is not in available state.");
        }
        return i;
    }

    /** The storage type asked for, else io1 with provisioned IOPS, else {@code otherwise}. */
    static String storageType(String asked, Integer iops, String otherwise) {
        if (asked != null) {
            if (!List.of("gp2", "gp3", "io1", "io2", "standard").contains(asked)) {
                throw RdsErrors.invalidParameterValue("Invalid storage type: " + asked);
            }
            return asked;
        }
        return iops != null ? "io1" : otherwise;
    }

    /** BackupRetentionPeriod: 1 day unless asked, 0 (no backups) to 35. */
    static int backupRetention(Integer asked) {
        if (asked == null) {
            return 1;
        }
        if (asked < 0 || asked > 35) {
            throw RdsErrors.invalidParameterValue("Invalid backup retention period: " + asked
                    + ". The backup retention period must be between 0 and 35 days.");
        }
        return asked;
    }

    /** Encryption without a key uses the region's default {@code aws/rds} key. */
    static String kmsKeyOrDefault(String keyId, RegionState region) {
        return keyId != null ? RdsNames.kmsKeyOf(keyId, region) : region.arn("kms", "alias/aws/rds");
    }
}
