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
import software.amazon.awssdk.services.rds.model.DBSnapshot;
import software.amazon.awssdk.services.rds.model.SnapshotQuotaExceededException;

/**
 * {@code drc:rds:copySnapshot}: copies {@code sourceSnapshotId} of {@code sourceRegion} into {@code region} as
 * {@code targetSnapshotId}, with its tags (optional {@code kmsKeyId}: a key of {@code region}, needed for
 * encrypted sources). Called in the destination region with the source's ARN; the SDK presigns from
 * {@code sourceRegion}. A target that already exists is success (RDS has no ClientToken: the chosen identifier is
 * the idempotency key). When the region's concurrent copies are all taken the copy waits its turn (Running)
 * instead of failing: AWS-FACTS "queue, don't fail". Follow it with {@code drc:rds:awaitSnapshot}.
 */
public final class CopyDbSnapshotHandler implements StepHandler {
    public record Parameters(String region, String sourceRegion, String sourceSnapshotId, String targetSnapshotId,
                             @OptionalParameter String kmsKeyId) { }

    static final Duration QUEUED_POLL = Duration.ofSeconds(60);
    private final AwsClients aws;

    public CopyDbSnapshotHandler(AwsClients aws) {
        this.aws = aws;
    }

    @Override
    public Class<Parameters> parameterType() {
        return Parameters.class;
    }

    @Override
    public String resource() {
        return "drc:rds:copySnapshot";
    }

    @Override
    public StepResult execute(StepContext context) {
        Parameters parameters = StepParameters.read(context, Parameters.class);
        String region = parameters.region();
        String sourceRegion = parameters.sourceRegion();
        String sourceId = parameters.sourceSnapshotId();
        String targetId = parameters.targetSnapshotId();
        Optional<DBSnapshot> existing = AwsLookups.findDbSnapshot(aws.rds(region), targetId);
        if (existing.isPresent()) {
            return done(existing.get(), false);
        }
        boolean crossRegion = !region.equals(sourceRegion);
        DBSnapshot source = AwsLookups.dbSnapshot(aws.rds(sourceRegion), sourceId);
        try {
            DBSnapshot copy = aws.rds(region).copyDBSnapshot(r -> r
                    .sourceDBSnapshotIdentifier(crossRegion ? source.dbSnapshotArn() : sourceId)
                    .targetDBSnapshotIdentifier(targetId)
                    .sourceRegion(crossRegion ? sourceRegion : null)
                    .kmsKeyId(parameters.kmsKeyId())
                    .copyTags(true)).dbSnapshot();
            return done(copy, true);
        } catch (SnapshotQuotaExceededException e) {
            return new StepResult.Running(QUEUED_POLL, JsonNodeFactory.instance.objectNode()
                    .put("waitingFor", "a free snapshot copy slot in " + region)
                    .put("reason", e.awsErrorDetails().errorMessage()));
        }
    }

    private static StepResult done(DBSnapshot copy, boolean started) {
        return new StepResult.Succeeded(JsonNodeFactory.instance.objectNode()
                .put("snapshotId", copy.dbSnapshotIdentifier()).put("snapshotArn", copy.dbSnapshotArn())
                .put("copyStarted", started));
    }
}
