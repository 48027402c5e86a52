package io.drc.strategies.handlers;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.drc.strategies.aws.AwsClients;
import io.drc.strategies.serving.DestructiveGuard;
import io.drc.strategies.serving.ServingCheck;
import io.drc.strategies.step.PlannedChange;
import io.drc.strategies.step.StepContext;
import io.drc.strategies.step.StepHandler;
import io.drc.strategies.step.StepResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.services.rds.RdsClient;
import software.amazon.awssdk.services.rds.model.DBInstance;

/**
 * {@code drc:rds:deleteInstance}: deletes a DB instance, by default with a final snapshot named
 * {@code drc-final-<dbInstanceId>-<execution>} ({@code finalSnapshot: false} skips it). A read replica cannot
 * take a final snapshot: it is deleted without one and the output says so. An instance that is already gone or
 * being deleted is success. Follow it with {@code drc:rds:awaitDeleted}.
 *
 * <p>Just before it deletes a production database it reads what serves now and refuses
 * ({@code Drc.UnsafeDestructiveStep}, nothing deleted) when that database is the one serving: see
 * {@link DestructiveGuard}.
 */
public final class DeleteDatabaseHandler implements StepHandler {
    private final AwsClients aws;
    private final ServingCheck serving;

    public DeleteDatabaseHandler(AwsClients aws, ServingCheck serving) {
        this.aws = aws;
        this.serving = serving;
    }

    @Override
    public List<PlannedChange> plan(StepContext context) {
        String region = context.text("region");
        String id = context.text("dbInstanceId");
        RdsClient rds = aws.rds(region);
        Optional<DBInstance> db = AwsLookups.findDatabase(rds, id);
        if (db.isEmpty() || "deleting".equals(db.get().dbInstanceStatus())) {
            return List.of();
        }
        String source = db.get().readReplicaSourceDBInstanceIdentifier();
        List<PlannedChange> changes = new ArrayList<>();
        changes.add(new PlannedChange("rds:" + region + ":" + id, "instance", (source == null ? "writable" : "read replica of "
                + source) + ", " + db.get().dbInstanceStatus(), "deleted"));
        if (source == null && context.optionalBoolean("finalSnapshot").orElse(true)) {
            changes.add(new PlannedChange("rds:" + region + ":" + id, "final snapshot", "none",
                    "drc-final-" + id + "-<execution id>, taken before the deletion"));
        }
        return changes;
    }

    @Override
    public String resource() {
        return "drc:rds:deleteInstance";
    }

    @Override
    public StepResult execute(StepContext context) {
        String id = context.text("dbInstanceId");
        RdsClient rds = aws.rds(context.text("region"));
        String snapshotId = RdsIdentifiers.forExecution("drc-final", id, context.executionId());
        Optional<DBInstance> db = AwsLookups.findDatabase(rds, id);
        ObjectNode out = JsonNodeFactory.instance.objectNode().put("dbInstanceId", id).put("deleted", true);
        if (db.isEmpty() || "deleting".equals(db.get().dbInstanceStatus())) {
            // a previous call may have started it: report its final snapshot if there is one
            boolean snapshotTaken = AwsLookups.findDbSnapshot(rds, snapshotId).isPresent();
            return new StepResult.Succeeded(out.put("deletion", db.isEmpty() ? "already gone" : "already deleting")
                    .put("finalSnapshotId", snapshotTaken ? snapshotId : null));
        }
        Optional<String> refusal = serving.beforeDeletingDatabase(context.text("region"), id);
        if (refusal.isPresent()) {
            return new StepResult.Failed(DestructiveGuard.UNSAFE, refusal.get());
        }
        boolean wanted = context.optionalBoolean("finalSnapshot").orElse(true);
        boolean replica = db.get().readReplicaSourceDBInstanceIdentifier() != null;
        boolean takeSnapshot = wanted && !replica;
        rds.deleteDBInstance(r -> r.dbInstanceIdentifier(id).skipFinalSnapshot(!takeSnapshot)
                .finalDBSnapshotIdentifier(takeSnapshot ? snapshotId : null));
        out.put("deletion", "started").put("finalSnapshotId", takeSnapshot ? snapshotId : null);
        if (wanted && replica) {
            out.put("finalSnapshotSkipped", "read replica of " + db.get().readReplicaSourceDBInstanceIdentifier()
                    + ": RDS takes no final snapshot of a read replica");
        }
        return new StepResult.Succeeded(out);
    }
}
