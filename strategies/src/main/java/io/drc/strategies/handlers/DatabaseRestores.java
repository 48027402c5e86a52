package io.drc.strategies.handlers;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.drc.strategies.aws.DrcTags;
import io.drc.strategies.step.StepResult;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.rds.RdsClient;
import software.amazon.awssdk.services.rds.model.DBInstance;
import software.amazon.awssdk.services.rds.model.Tag;

/**
 * RestoreDBInstanceFromDBSnapshot as both restore steps call it: the Task's optional {@code instanceClass} and
 * {@code multiAz} (absent or null: the snapshot's class, single-AZ), and tags saying where the data came from.
 */
final class DatabaseRestores {
    static final Duration DELETING_POLL = Duration.ofSeconds(15);

    private DatabaseRestores() {
    }

    /**
     * What a restore makes of an instance that already has its identifier. Empty: a restore drc started (tagged
     * {@link DrcTags#RESTORED_FROM}), which a repeated call takes as its own. One still being deleted (a fail-back
     * retires the DR database without waiting) is waited for, then restored anew. Any other instance — e.g. a
     * read replica still following the failed primary — is not restored data: {@code Drc.Conflict}, rather than
     * serving it as if it were.
     */
    static Optional<StepResult> cannotTakeOver(DBInstance db, String region) {
        if ("deleting".equals(db.dbInstanceStatus())) {
            return Optional.of(new StepResult.Running(DELETING_POLL, JsonNodeFactory.instance.objectNode()
                    .put("waitingFor", "DB instance " + db.dbInstanceIdentifier() + " to be deleted before restoring")));
        }
        if (AwsLookups.tags(db.tagList()).containsKey(DrcTags.RESTORED_FROM)) {
            return Optional.empty();
        }
        String what = db.readReplicaSourceDBInstanceIdentifier() != null
                ? "a read replica of " + db.readReplicaSourceDBInstanceIdentifier() : "not restored by drc";
        return Optional.of(new StepResult.Failed("Drc.Conflict", "DB instance '" + db.dbInstanceIdentifier()
                + "' already exists in " + region + " (" + what + ", " + db.dbInstanceStatus() + "): a restore needs"
                + " an identifier no other instance has; name a free one (recovery.regions." + region
                + ".database.instanceId) or delete that instance"));
    }

    static DBInstance restore(RdsClient rds, String dbInstanceId, String snapshotId, String instanceClass, Boolean multiAz,
                              Map<String, String> tags) {
        List<Tag> tagList = tags.entrySet().stream()
                .map(e -> Tag.builder().key(e.getKey()).value(e.getValue()).build()).toList();
        return rds.restoreDBInstanceFromDBSnapshot(r -> r.dbInstanceIdentifier(dbInstanceId)
                .dbSnapshotIdentifier(snapshotId)
                .dbInstanceClass(instanceClass)
                .multiAZ(multiAz)
                .tags(tagList)).dbInstance();
    }
}
