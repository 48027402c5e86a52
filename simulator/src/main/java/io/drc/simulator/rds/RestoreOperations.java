package io.drc.simulator.rds;

import io.drc.simulator.core.RegionState;
import software.amazon.awssdk.services.rds.model.RestoreDbInstanceFromDbSnapshotRequest;
import software.amazon.awssdk.services.rds.model.RestoreDbInstanceFromDbSnapshotResponse;

/** RestoreDBInstanceFromDBSnapshot: a new instance from an available snapshot of the same region. */
public final class RestoreOperations {

    public RestoreDbInstanceFromDbSnapshotResponse restoreDBInstanceFromDBSnapshot(
            RestoreDbInstanceFromDbSnapshotRequest request, RegionState region) {
        String id = RdsNames.newIdentifier(request.dbInstanceIdentifier(), "DBInstanceIdentifier", 63);
        DbSnapshotRecord snapshot = RdsState.of(region).snapshot(
                DbSnapshotOperations.id(request.dbSnapshotIdentifier(), region));
        if (!"available".equals(snapshot.status)) {
            throw RdsErrors.invalidSnapshotState("Snapshot " + snapshot.identifier + " is not in available state.");
        }
        DbInstanceRecord i = InstanceLifecycle.newInstance(id, region);
        i.instanceClass = request.dbInstanceClass() != null ? request.dbInstanceClass() : snapshot.instanceClass;
        i.engine = snapshot.engine;
        i.engineVersion = snapshot.engineVersion;
        i.allocatedStorage = snapshot.allocatedStorage;
        i.storageType = DbInstanceOperations.storageType(request.storageType(), request.iops(),
                snapshot.storageType != null ? snapshot.storageType : "gp3");
        i.iops = request.iops() != null ? request.iops() : snapshot.iops;
        i.masterUsername = snapshot.masterUsername;
        i.publiclyAccessible = Boolean.TRUE.equals(request.publiclyAccessible());
        i.deletionProtection = Boolean.TRUE.equals(request.deletionProtection());
        i.multiAz = Boolean.TRUE.equals(request.multiAZ());
        i.storageEncrypted = snapshot.encrypted;
        i.kmsKeyId = snapshot.kmsKeyId;
        RdsTags.apply(i.tags, request.tags());
        InstanceLifecycle.launch(i, region, "rds.restore");
        return RestoreDbInstanceFromDbSnapshotResponse.builder().dbInstance(RdsModel.instance(i)).build();
    }
}
