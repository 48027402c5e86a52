package io.drc.strategies.handlers;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.drc.strategies.aws.AwsClients;
import io.drc.strategies.step.StepContext;
import io.drc.strategies.step.StepHandler;
import io.drc.strategies.step.StepParameters;
import io.drc.strategies.step.StepParameters.OptionalParameter;
import io.drc.strategies.step.StepResult;
import java.time.Duration;
import java.util.Optional;
import software.amazon.awssdk.services.rds.RdsClient;
import software.amazon.awssdk.services.rds.model.DBInstance;

/**
 * {@code drc:rds:createReplica}: creates {@code dbInstanceId} in {@code region} as a read replica of
 * {@code sourceDbInstanceId} in {@code sourceRegion} (cross-region: by ARN, the SDK presigns from
 * {@code sourceRegion}). A replica of that source under that name is success without a call — the source region
 * is then not even asked; any other instance under that name is {@code Drc.Conflict}. A source that is busy is
 * waited for. Optional {@code instanceClass}, {@code kmsKeyId} (a key of {@code region}, for encrypted sources).
 * Follow it with {@code drc:rds:awaitAvailable}.
 */
public final class CreateReplicaHandler implements StepHandler {
    public record Parameters(String region, String dbInstanceId, String sourceRegion, String sourceDbInstanceId,
                             @OptionalParameter String instanceClass, @OptionalParameter String kmsKeyId) { }

    static final Duration POLL = Duration.ofSeconds(30);
    private final AwsClients aws;

    public CreateReplicaHandler(AwsClients aws) {
        this.aws = aws;
    }

    @Override
    public Class<Parameters> parameterType() {
        return Parameters.class;
    }

    @Override
    public String resource() {
        return "drc:rds:createReplica";
    }

    @Override
    public StepResult execute(StepContext context) {
        Parameters parameters = StepParameters.read(context, Parameters.class);
        String region = parameters.region();
        String id = parameters.dbInstanceId();
        String sourceRegion = parameters.sourceRegion();
        String sourceId = parameters.sourceDbInstanceId();
        Optional<DBInstance> existing = AwsLookups.findDatabase(aws.rds(region), id);
        if (existing.isPresent()) {
            String shownSource = existing.get().readReplicaSourceDBInstanceIdentifier();
            if (isSource(shownSource, sourceRegion, sourceId)) {
                return done(id, shownSource, false);
            }
            return new StepResult.Failed("Drc.Conflict", "DB instance '" + id + "' in " + region + " already exists and is "
                    + (shownSource == null ? "not a read replica" : "a read replica of " + shownSource)
                    + ", not of " + sourceId + " in " + sourceRegion + "; delete or rename it, or change the runbook");
        }
        DBInstance source = AwsLookups.database(aws.rds(sourceRegion), sourceId);
        if (!"available".equals(source.dbInstanceStatus())) {
            return new StepResult.Running(POLL, JsonNodeFactory.instance.objectNode()
                    .put("waitingFor", "source " + sourceId + " " + source.dbInstanceStatus()));
        }
        boolean crossRegion = !region.equals(sourceRegion);
        RdsClient rds = aws.rds(region);
        rds.createDBInstanceReadReplica(r -> r.dbInstanceIdentifier(id)
                .sourceDBInstanceIdentifier(crossRegion ? source.dbInstanceArn() : sourceId)
                .sourceRegion(crossRegion ? sourceRegion : null)
                .dbInstanceClass(parameters.instanceClass())
                .kmsKeyId(parameters.kmsKeyId()));
        return done(id, source.dbInstanceArn(), true);
    }

    /** RDS shows a source in the replica's region by identifier, one in another region by ARN. */
    static boolean isSource(String shown, String sourceRegion, String sourceId) {
        return shown != null && (shown.equals(sourceId)
                || shown.startsWith("arn:") && shown.endsWith(":db:" + sourceId) && shown.contains(":" + sourceRegion + ":"));
    }

    private static StepResult done(String id, String source, boolean created) {
        return new StepResult.Succeeded(JsonNodeFactory.instance.objectNode().put("dbInstanceId", id)
                .put("source", source).put("created", created));
    }
}
