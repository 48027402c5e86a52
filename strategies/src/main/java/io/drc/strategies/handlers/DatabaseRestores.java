package io.drc.strategies.handlers;

import io.drc.strategies.step.StepContext;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.rds.RdsClient;
import software.amazon.awssdk.services.rds.model.DBInstance;
import software.amazon.awssdk.services.rds.model.Tag;

/**
 * RestoreDBInstanceFromDBSnapshot as both restore steps call it: the Task's optional {@code instanceClass} and
 * {@code multiAz} (absent or null: the snapshot's class, single-AZ), and tags saying where the data came from.
 */
final class DatabaseRestores {
    private DatabaseRestores() {
    }

    static DBInstance restore(RdsClient rds, StepContext context, String dbInstanceId, String snapshotId,
                              Map<String, String> tags) {
        List<Tag> tagList = tags.entrySet().stream()
                .map(e -> Tag.builder().key(e.getKey()).value(e.getValue()).build()).toList();
        return rds.restoreDBInstanceFromDBSnapshot(r -> r.dbInstanceIdentifier(dbInstanceId)
                .dbSnapshotIdentifier(snapshotId)
                .dbInstanceClass(context.optionalText("instanceClass").orElse(null))
                .multiAZ(context.optionalBoolean("multiAz").orElse(null))
                .tags(tagList)).dbInstance();
    }
}
