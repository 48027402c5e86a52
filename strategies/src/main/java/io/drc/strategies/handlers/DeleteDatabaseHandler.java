package io.drc.strategies.handlers;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.drc.strategies.aws.AwsClients;
import io.drc.strategies.serving.DestructiveGuard;
import io.drc.strategies.serving.ServingCheck;
import io.drc.strategies.step.PlannedChange;
import io.drc.strategies.step.StepContext;
import io.drc.strategies.step.StepHandler;
import io.drc.strategies.step.StepParameters;
import io.drc.strategies.step.StepParameters.OptionalParameter;
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
    /** {@code finalSnapshot}: absent or null: true (RDS takes none of a read replica). */
    public record Parameters(String region, String dbInstanceId, @OptionalParameter Boolean finalSnapshot) { }

    private final AwsClients aws;
    private final ServingCheck serving;

    public DeleteDatabaseHandler(AwsClients aws, ServingCheck serving) {
        this.aws = aws;
        this.serving = serving;
    }

    @Override
    public List<PlannedChange> plan(StepContext context) {
        Parameters parameters = StepParameters.read(context, Parameters.class);
        String region = parameters.region();
        String id = parameters.dbInstanceId();
        RdsClient rds = aws.rds(region);
        Optional<DBInstance> db = AwsLookups.findDatabase(rds, id);
        if (db.isEmpty() || "deleting".equals(db.get().dbInstanceStatus())) {
            return List.of();
        }
        String source = db.get().readReplicaSourceDBInstanceIdentifier();
        List<PlannedChange> changes = new ArrayList<>();
        changes.add(new PlannedChange("rds:" + region + ":" + id, "instance", (source == null ? "writable" : "read replica of "
                + source) + ", " + db.get().dbInstanceStatus(), "deleted"));
        if (source == null && !Boolean.FALSE.equals(parameters.finalSnapshot())) {
            changes.add(new PlannedChange("rds:" + region + ":" + id, "final snapshot", "none",
                    "drc-final-" + id + "-<execution id>, taken before the deletion"));
        }
        return changes;
    }

    @Override
    public Class<Parameters> parameterType() {
        return Parameters.class;
    }

    @Override
    public String resource() {
        return "drc:rds:deleteInstance";
    }

    @Override
    public StepResult execute(StepContext context) {
        Parameters parameters = StepParameters.read(context, Parameters.class);
        String id = parameters.dbInstanceId();
        RdsClient rds = aws.rds(parameters.region());
        String snapshotId = RdsIdentifiers.forExecution("drc-final", id, context.executionId());
        Optional<DBInstance> db = AwsLookups.findDatabase(rds, id);
        ObjectNode out = JsonNodeFactory.instance.objectNode().put("dbInstanceId", id).put("deleted", true);
        if (db.isEmpty() || "deleting".equals(db.get().dbInstanceStatus())) {
            // a previous call may have started it: report its final snapshot if there is one
            boolean snapshotTaken = AwsLookups.findDbSnapshot(rds, snapshotId).isPresent();
            return new StepResult.Succeeded(out.put("deletion", db.isEmpty() ? "already gone" : "already deleting")
                    .put("finalSnapshotId", snapshotTaken ? snapshotId : null));
        }
        Optional<String> refusal = serving.beforeDeletingDatabase(parameters.region(), id);
        if (refusal.isPresent()) {
            return new StepResult.Failed(DestructiveGuard.UNSAFE, refusal.get());
        }
        boolean wanted = !Boolean.FALSE.equals(parameters.finalSnapshot());
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
