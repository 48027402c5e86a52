package io.drc.strategies.handlers;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.drc.strategies.aws.AwsClients;
import io.drc.strategies.step.StepContext;
import io.drc.strategies.step.StepHandler;
import io.drc.strategies.step.StepParameters;
import io.drc.strategies.step.StepResult;
import java.time.Duration;
import software.amazon.awssdk.services.rds.model.DBSnapshot;

/**
 * {@code drc:rds:awaitSnapshot}: done when the DB snapshot (taken or copied) is {@code available};
 * {@code failed} or {@code error} is {@code Drc.SnapshotFailed}; anything else (creating, pending, copying) is
 * waited for, with its progress in the checkpoint.
 */
public final class AwaitDbSnapshotHandler implements StepHandler {
    public record Parameters(String region, String snapshotId) { }

    static final Duration POLL = Duration.ofSeconds(30);
    private final AwsClients aws;

    public AwaitDbSnapshotHandler(AwsClients aws) {
        this.aws = aws;
    }

    @Override
    public Class<Parameters> parameterType() {
        return Parameters.class;
    }

    @Override
    public String resource() {
        return "drc:rds:awaitSnapshot";
    }

    @Override
    public boolean mutating() {
        return false;
    }

    @Override
    public StepResult execute(StepContext context) {
        Parameters parameters = StepParameters.read(context, Parameters.class);
        String region = parameters.region();
        DBSnapshot snapshot = AwsLookups.dbSnapshot(aws.rds(region), parameters.snapshotId());
        return outcome(snapshot, region);
    }

    static StepResult outcome(DBSnapshot snapshot, String region) {
        ObjectNode seen = JsonNodeFactory.instance.objectNode().put("snapshotId", snapshot.dbSnapshotIdentifier())
                .put("snapshotArn", snapshot.dbSnapshotArn()).put("status", snapshot.status())
                .put("percentProgress", snapshot.percentProgress());
        return switch (String.valueOf(snapshot.status())) {
            case "available" -> new StepResult.Succeeded(seen);
            case "failed", "error" -> new StepResult.Failed("Drc.SnapshotFailed", "DB snapshot '"
                    + snapshot.dbSnapshotIdentifier() + "' in " + region + " is " + snapshot.status()
                    + "; delete it and take or copy it again");
            default -> new StepResult.Running(POLL, seen);
        };
    }
}
