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

/**
 * {@code drc:rds:restoreSnapshot}: restores {@code dbInstanceId} from the named {@code snapshotId}. An instance
 * drc restored that already exists is the restore a previous call started; one being deleted is waited for; any
 * other is {@code Drc.Conflict} ({@link DatabaseRestores#cannotTakeOver}); a snapshot still being made or copied is
 * waited for. Optional {@code tags} are added to drc's own. Follow it with {@code drc:rds:awaitAvailable}.
 */
public final class RestoreDbSnapshotHandler implements StepHandler {
    /**
     * {@code instanceClass}, {@code multiAz}: absent or null: the snapshot's class, single-AZ; {@code tags}: added
     * to drc's own.
     */
    public record Parameters(String region, String dbInstanceId, String snapshotId,
                             @OptionalParameter String instanceClass, @OptionalParameter Boolean multiAz,
                             @OptionalParameter Map<String, String> tags) { }

    static final Duration POLL = Duration.ofSeconds(30);
    private final AwsClients aws;

    public RestoreDbSnapshotHandler(AwsClients aws) {
        this.aws = aws;
    }

    @Override
    public Class<Parameters> parameterType() {
        return Parameters.class;
    }

    @Override
    public String resource() {
        return "drc:rds:restoreSnapshot";
    }

    @Override
    public StepResult execute(StepContext context) {
        Parameters parameters = StepParameters.read(context, Parameters.class);
        String id = parameters.dbInstanceId();
        String snapshotId = parameters.snapshotId();
        String region = parameters.region();
        RdsClient rds = aws.rds(region);
        Optional<DBInstance> existing = AwsLookups.findDatabase(rds, id);
        if (existing.isPresent()) {
            return DatabaseRestores.cannotTakeOver(existing.get(), region).orElseGet(() -> done(id, snapshotId,
                    AwsLookups.findDbSnapshot(rds, snapshotId).map(RestoreDbSnapshotHandler::sourceTime).orElse(null),
                    false));
        }
        DBSnapshot snapshot = AwsLookups.dbSnapshot(rds, snapshotId);
        if (!"available".equals(snapshot.status())) {
            return new StepResult.Running(POLL, JsonNodeFactory.instance.objectNode()
                    .put("waitingFor", "snapshot " + snapshotId + " " + snapshot.status()));
        }
        Map<String, String> tags = ExtraTags.of(parameters.tags());
        tags.put(DrcTags.MANAGED_BY, DrcTags.MANAGED_BY_VALUE);
        tags.put(DrcTags.RESTORED_FROM, snapshotId);
        DatabaseRestores.restore(rds, id, snapshotId, parameters.instanceClass(), parameters.multiAz(), tags);
        return done(id, snapshotId, sourceTime(snapshot), true);
    }

    /**
     * When the snapshot's data is from: drc's {@code drc:source-time} tag on a recovery point, else the snapshot's
     * creation (a snapshot of a read replica holds the replica's data of then, which lagged its source by the
     * replica lag of that moment).
     */
    private static String sourceTime(DBSnapshot snapshot) {
        String tagged = AwsLookups.tags(snapshot.tagList()).get(DrcTags.SOURCE_TIME);
        return tagged != null ? tagged : snapshot.snapshotCreateTime() == null ? null
                : snapshot.snapshotCreateTime().toString();
    }

    private static StepResult done(String id, String snapshotId, String sourceTime, boolean started) {
        return new StepResult.Succeeded(JsonNodeFactory.instance.objectNode().put("dbInstanceId", id)
                .put("snapshotId", snapshotId).put("sourceTime", sourceTime).put("restoreStarted", started));
    }
}
