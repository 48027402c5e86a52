package io.drc.simulator.rds;

import io.drc.simulator.core.RegionState;
import software.amazon.awssdk.services.rds.model.ModifyDbInstanceRequest;
import software.amazon.awssdk.services.rds.model.ModifyDbInstanceResponse;
import software.amazon.awssdk.services.rds.model.RebootDbInstanceRequest;
import software.amazon.awssdk.services.rds.model.RebootDbInstanceResponse;

/**
 * Changing a running DB instance: ModifyDBInstance (class, Multi-AZ, storage) and RebootDBInstance. Without
 * ApplyImmediately a change waits for the maintenance window, which the simulator never reaches: it stays in
 * PendingModifiedValues.
 */
public final class DbInstanceModifyOperations {

    public ModifyDbInstanceResponse modifyDBInstance(ModifyDbInstanceRequest request, RegionState region) {
        DbInstanceRecord i = DbInstanceOperations.available(RdsState.of(region),
                DbInstanceOperations.id(request.dbInstanceIdentifier(), region));
        if (request.dbInstanceClass() == null && request.multiAZ() == null && request.allocatedStorage() == null) {
            return ModifyDbInstanceResponse.builder().dbInstance(RdsModel.instance(i)).build();
        }
        i.pendingChange = new DbInstanceRecord.PendingChange(request.dbInstanceClass(), request.multiAZ(),
                request.allocatedStorage());
        if (Boolean.TRUE.equals(request.applyImmediately())) {
            InstanceLifecycle.passThrough(i, "modifying", region.world(), "rds.modify", () -> apply(i));
        }
        return ModifyDbInstanceResponse.builder().dbInstance(RdsModel.instance(i)).build();
    }

    public RebootDbInstanceResponse rebootDBInstance(RebootDbInstanceRequest request, RegionState region) {
        DbInstanceRecord i = DbInstanceOperations.available(RdsState.of(region),
                DbInstanceOperations.id(request.dbInstanceIdentifier(), region));
        InstanceLifecycle.passThrough(i, "rebooting", region.world(), "rds.reboot", () -> { });
        return RebootDbInstanceResponse.builder().dbInstance(RdsModel.instance(i)).build();
    }

    private static void apply(DbInstanceRecord i) {
        DbInstanceRecord.PendingChange change = i.pendingChange;
        if (change.instanceClass() != null) {
            i.instanceClass = change.instanceClass();
        }
        if (change.multiAz() != null) {
            i.multiAz = change.multiAz();
        }
        if (change.allocatedStorage() != null) {
            i.allocatedStorage = change.allocatedStorage();
        }
        i.pendingChange = null;
    }
}
