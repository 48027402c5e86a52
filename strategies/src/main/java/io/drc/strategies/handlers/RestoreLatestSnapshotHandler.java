package io.drc.strategies.handlers;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.drc.strategies.aws.AwsClients;
import io.drc.strategies.aws.DrcTags;
import io.drc.strategies.step.MissingResourceException;
import io.drc.strategies.step.PlannedChange;
import io.drc.strategies.step.StepContext;
import io.drc.strategies.step.StepHandler;
import io.drc.strategies.step.StepParameters;
import io.drc.strategies.step.StepParameters.OptionalParameter;
import io.drc.strategies.step.StepResult;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.rds.RdsClient;
import software.amazon.awssdk.services.rds.model.DBInstance;

/**
 * {@code drc:rds:restoreLatestSnapshot}: restores {@code dbInstanceId} from the newest available DB snapshot in
 * {@code region} that replication tagged as a recovery point of {@code sourceResource}, and tags the new instance
 * with the snapshot and its source time. An instance drc restored that already exists is taken as the restore a
 * previous call started (its tags say from what); one being deleted is waited for; any other is
 * {@code Drc.Conflict} ({@link DatabaseRestores#cannotTakeOver}). No recovery point: {@code Drc.NoRecoveryPoint}.
 * Optional {@code tags} are added to drc's own (a drill's restore carries {@code drc:drill}).
 * Follow it with {@code drc:rds:awaitAvailable}.
 */
public final class RestoreLatestSnapshotHandler implements StepHandler {
    /**
     * {@code sourceResource}: the protected database whose newest DR snapshot to restore; {@code instanceClass},
     * {@code multiAz}: absent or null: the snapshot's class, single-AZ; {@code tags}: added to drc's own.
     */
    public record Parameters(String region, String dbInstanceId, String sourceResource,
                             @OptionalParameter String instanceClass, @OptionalParameter Boolean multiAz,
                             @OptionalParameter Map<String, String> tags) { }

    private final AwsClients aws;

    public RestoreLatestSnapshotHandler(AwsClients aws) {
        this.aws = aws;
    }

    @Override
    public Class<Parameters> parameterType() {
        return Parameters.class;
    }

    @Override
    public String resource() {
        return "drc:rds:restoreLatestSnapshot";
    }

    /** The instance that would be restored and from which snapshot; nothing when a restore already exists. */
    @Override
    public List<PlannedChange> plan(StepContext context) {
        Parameters parameters = StepParameters.read(context, Parameters.class);
        String region = parameters.region();
        String id = parameters.dbInstanceId();
        String resource = parameters.sourceResource();
        RdsClient rds = aws.rds(region);
        if (AwsLookups.findDatabase(rds, id).isPresent()) {
            return List.of();
        }
        RecoveryPoints.RecoveryPoint point = RecoveryPoints.newestDbSnapshot(rds, resource).orElseThrow(
                () -> new MissingResourceException(RecoveryPoints.none("DB snapshot", resource, region).cause()));
        return List.of(new PlannedChange("rds:" + region + ":" + id, "restored from", "(no instance)",
                point.id() + " (data of " + point.sourceTime() + ")"));
    }

    @Override
    public StepResult execute(StepContext context) {
        Parameters parameters = StepParameters.read(context, Parameters.class);
        String region = parameters.region();
        String id = parameters.dbInstanceId();
        String resource = parameters.sourceResource();
        RdsClient rds = aws.rds(region);
        Optional<DBInstance> existing = AwsLookups.findDatabase(rds, id);
        if (existing.isPresent()) {
            Optional<StepResult> notOurs = DatabaseRestores.cannotTakeOver(existing.get(), region);
            if (notOurs.isPresent()) {
                return notOurs.get();
            }
            Map<String, String> tags = AwsLookups.tags(existing.get().tagList());
            return done(id, tags.get(DrcTags.RESTORED_FROM), tags.get(DrcTags.SOURCE_TIME), false);
        }
        Optional<RecoveryPoints.RecoveryPoint> latest = RecoveryPoints.newestDbSnapshot(rds, resource);
        if (latest.isEmpty()) {
            return RecoveryPoints.none("DB snapshot", resource, region);
        }
        RecoveryPoints.RecoveryPoint point = latest.get();
        Map<String, String> tags = ExtraTags.of(parameters.tags());
        tags.put(DrcTags.MANAGED_BY, DrcTags.MANAGED_BY_VALUE);
        tags.put(DrcTags.RESOURCE, resource);
        tags.put(DrcTags.RESTORED_FROM, point.id());
        tags.put(DrcTags.SOURCE_TIME, point.sourceTime().toString());
        DatabaseRestores.restore(rds, id, point.id(), parameters.instanceClass(), parameters.multiAz(), tags);
        return done(id, point.id(), point.sourceTime().toString(), true);
    }

    private static StepResult done(String id, String snapshotId, String sourceTime, boolean started) {
        return new StepResult.Succeeded(JsonNodeFactory.instance.objectNode().put("dbInstanceId", id)
                .put("snapshotId", snapshotId).put("sourceTime", sourceTime).put("restoreStarted", started));
    }
}
