package io.drc.simulator.rds;

import io.drc.simulator.core.RegionState;
import software.amazon.awssdk.services.rds.model.CreateDbInstanceReadReplicaRequest;
import software.amazon.awssdk.services.rds.model.CreateDbInstanceReadReplicaResponse;
import software.amazon.awssdk.services.rds.model.PromoteReadReplicaRequest;
import software.amazon.awssdk.services.rds.model.PromoteReadReplicaResponse;

/**
 * Read replicas, in the source's region or, called in the destination region with the source's ARN, in
 * another. The SDK and the CLI turn SourceRegion into a PreSignedUrl; the simulator accepts it and reads the source
 * region from the ARN. A replica's operations only touch state, never the source region's endpoint, so a replica
 * stays readable and promotable while its source region does not answer.
 */
public final class ReadReplicaOperations {

    public CreateDbInstanceReadReplicaResponse createDBInstanceReadReplica(CreateDbInstanceReadReplicaRequest request,
                                                                           RegionState region) {
        String id = RdsNames.newIdentifier(request.dbInstanceIdentifier(), "DBInstanceIdentifier", 63);
        String sourceName = RdsNames.required(request.sourceDBInstanceIdentifier(), "SourceDBInstanceIdentifier");
        RdsNames.ResourceName sourceRef = RdsNames.parse(sourceName, "db", region);
        DbInstanceRecord source = RdsState.of(region.world().region(sourceRef.region())).findInstance(sourceRef.id())
                .orElseThrow(() -> RdsErrors.instanceNotFound(sourceName));
        if (!"available".equals(source.status)) {
            throw RdsErrors.invalidInstanceState("Source DB instance " + sourceName + " is not in available state.");
        }
        if (RdsState.of(region).findInstance(id).isPresent()) {
            throw RdsErrors.instanceAlreadyExists();
        }
        DbInstanceRecord replica = InstanceLifecycle.newInstance(id, region);
        replica.instanceClass = request.dbInstanceClass() != null ? request.dbInstanceClass() : source.instanceClass;
        replica.engine = source.engine;
        replica.engineVersion = source.engineVersion;
        replica.allocatedStorage = source.allocatedStorage;
        replica.storageType = DbInstanceOperations.storageType(request.storageType(), request.iops(), source.storageType);
        replica.iops = request.iops() != null ? request.iops() : source.iops;
        replica.masterUsername = source.masterUsername;
        replica.dbName = source.dbName;
        replica.publiclyAccessible = Boolean.TRUE.equals(request.publiclyAccessible());
        replica.deletionProtection = Boolean.TRUE.equals(request.deletionProtection());
        replica.backupRetentionPeriod = 0;
        replica.multiAz = Boolean.TRUE.equals(request.multiAZ());
        replica.storageEncrypted = source.storageEncrypted;
        replica.kmsKeyId = replicaKey(request, source, sourceRef.isIn(region), region);
        RdsTags.apply(replica.tags, request.tags());
        InstanceLifecycle.link(source, replica);
        InstanceLifecycle.launch(replica, region, "rds.replica.create");
        return CreateDbInstanceReadReplicaResponse.builder().dbInstance(RdsModel.instance(replica)).build();
    }

    /**
     * Promotion answers {@code modifying} with the source still shown; the replica stands alone when it ends, with
     * the BackupRetentionPeriod asked for (1 day by default) and, if given, the PreferredBackupWindow.
     */
    public PromoteReadReplicaResponse promoteReadReplica(PromoteReadReplicaRequest request, RegionState region) {
        DbInstanceRecord replica = RdsState.of(region).instance(DbInstanceOperations.id(request.dbInstanceIdentifier(), region));
        if (!replica.isReplica()) {
            throw RdsErrors.invalidInstanceState("DB Instance " + replica.identifier + " is not a read replica.");
        }
        if (!"available".equals(replica.status)) {
            throw RdsErrors.invalidInstanceState("Read replica " + replica.identifier + " is not in available state.");
        }
        int retention = DbInstanceOperations.backupRetention(request.backupRetentionPeriod());
        InstanceLifecycle.passThrough(replica, "modifying", region.world(), "rds.promote", () -> {
            InstanceLifecycle.unlink(replica, region.world());
            replica.backupRetentionPeriod = retention;
            if (request.preferredBackupWindow() != null) {
                replica.preferredBackupWindow = request.preferredBackupWindow();
            }
        });
        return PromoteReadReplicaResponse.builder().dbInstance(RdsModel.instance(replica)).build();
    }

    /** An encrypted source needs a key of the replica's region: its own in-region, the caller's across regions. */
    private static String replicaKey(CreateDbInstanceReadReplicaRequest request, DbInstanceRecord source,
                                     boolean sameRegion, RegionState region) {
        String key = RdsNames.kmsKeyOf(request.kmsKeyId(), region);
        if (!source.storageEncrypted || key != null) {
            return source.storageEncrypted ? key : null;
        }
        if (!sameRegion) {
            throw RdsErrors.invalidParameterCombination(
                    "KmsKeyId is required to create an encrypted cross-region read replica.");
        }
        return source.kmsKeyId;
    }
}
