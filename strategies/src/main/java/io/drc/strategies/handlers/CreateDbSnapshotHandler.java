package io.drc.strategies.handlers;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.drc.strategies.aws.AwsClients;
import io.drc.strategies.aws.DrcTags;
import io.drc.strategies.step.StepContext;
import io.drc.strategies.step.StepHandler;
import io.drc.strategies.step.StepParameters;
import io.drc.strategies.step.StepParameters.OptionalParameter;
import io.drc.strategies.step.StepResult;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.rds.RdsClient;
import software.amazon.awssdk.services.rds.model.DBInstance;
import software.amazon.awssdk.services.rds.model.DBSnapshot;
import software.amazon.awssdk.services.rds.model.Tag;

/**
 * {@code drc:rds:createSnapshot}: takes a manual snapshot of {@code dbInstanceId}, named {@code snapshotId} or
 * {@code drc-<dbInstanceId>-<execution>}. A snapshot of that instance under that name already exists: success (a
 * call repeated after a restart); one of another instance: {@code Drc.Conflict}. A busy instance is waited for.
 * Optional {@code tags} are added to drc's own (a drill's {@code drc:drill}). Follow it with
 * {@code drc:rds:awaitSnapshot}.
 */
public final class CreateDbSnapshotHandler implements StepHandler {
    /** {@code snapshotId}: absent or null: {@code drc-<dbInstanceId>-<execution>}; {@code tags}: added to drc's own. */
    public record Parameters(String region, String dbInstanceId, @OptionalParameter String snapshotId,
                             @OptionalParameter Map<String, String> tags) { }

    static final Duration POLL = Duration.ofSeconds(15);
    private final AwsClients aws;

    public CreateDbSnapshotHandler(AwsClients aws) {
        this.aws = aws;
    }

    @Override
    public Class<Parameters> parameterType() {
        return Parameters.class;
    }

    @Override
    public String resource() {
        return "drc:rds:createSnapshot";
    }

    @Override
    public StepResult execute(StepContext context) {
        Parameters parameters = StepParameters.read(context, Parameters.class);
        String region = parameters.region();
        String id = parameters.dbInstanceId();
        String snapshotId = parameters.snapshotId() != null ? parameters.snapshotId()
                : RdsIdentifiers.forExecution("drc", id, context.executionId());
        RdsClient rds = aws.rds(region);
        Optional<DBSnapshot> existing = AwsLookups.findDbSnapshot(rds, snapshotId);
        if (existing.isPresent()) {
            if (!id.equals(existing.get().dbInstanceIdentifier())) {
                return new StepResult.Failed("Drc.Conflict", "DB snapshot '" + snapshotId + "' in " + region
                        + " already exists and is of '" + existing.get().dbInstanceIdentifier() + "', not of '" + id
                        + "'; choose another snapshotId");
            }
            return done(snapshotId, existing.get().dbSnapshotArn(), false);
        }
        DBInstance db = AwsLookups.database(rds, id);
        if (!"available".equals(db.dbInstanceStatus())) {
            return new StepResult.Running(POLL, JsonNodeFactory.instance.objectNode()
                    .put("waitingFor", "DB instance " + id + " " + db.dbInstanceStatus()));
        }
        Map<String, String> tags = ExtraTags.of(parameters.tags());
        tags.put(DrcTags.MANAGED_BY, DrcTags.MANAGED_BY_VALUE);
        tags.put(DrcTags.EXECUTION, context.executionId());
        DBSnapshot made = rds.createDBSnapshot(r -> r.dbInstanceIdentifier(id).dbSnapshotIdentifier(snapshotId)
                .tags(tags.entrySet().stream().map(e -> Tag.builder().key(e.getKey()).value(e.getValue()).build())
                        .toList())).dbSnapshot();
        return done(snapshotId, made.dbSnapshotArn(), true);
    }

    private static StepResult done(String snapshotId, String arn, boolean created) {
        return new StepResult.Succeeded(JsonNodeFactory.instance.objectNode().put("snapshotId", snapshotId)
                .put("snapshotArn", arn).put("created", created));
    }
}
