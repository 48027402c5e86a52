package io.drc.strategies.handlers;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.drc.strategies.aws.AwsClients;
import io.drc.strategies.step.StepContext;
import io.drc.strategies.step.StepHandler;
import io.drc.strategies.step.StepParameters;
import io.drc.strategies.step.StepResult;
import java.time.Duration;
import software.amazon.awssdk.services.rds.RdsClient;
import software.amazon.awssdk.services.rds.model.DBInstance;

/**
 * {@code drc:rds:promoteReplica}: promotes a read replica to a standalone primary. A database that is already
 * standalone counts as promoted (a repeated call after a restart); a replica that is not available (creating,
 * or modifying because a promotion is under way) is waited for.
 */
public final class PromoteReplicaHandler implements StepHandler {
    public record Parameters(String region, String dbInstanceId) { }

    static final Duration POLL = Duration.ofSeconds(10);
    private final AwsClients aws;

    public PromoteReplicaHandler(AwsClients aws) {
        this.aws = aws;
    }

    @Override
    public Class<Parameters> parameterType() {
        return Parameters.class;
    }

    @Override
    public String resource() {
        return "drc:rds:promoteReplica";
    }

    @Override
    public java.util.List<io.drc.strategies.step.PlannedChange> plan(StepContext context) {
        Parameters parameters = StepParameters.read(context, Parameters.class);
        String region = parameters.region();
        String id = parameters.dbInstanceId();
        DBInstance db = AwsLookups.database(aws.rds(region), id);
        String source = db.readReplicaSourceDBInstanceIdentifier();
        return source == null ? java.util.List.of() : java.util.List.of(new io.drc.strategies.step.PlannedChange(
                "rds:" + region + ":" + id, "role", "read replica of " + source, "standalone"));
    }

    @Override
    public StepResult execute(StepContext context) {
        Parameters parameters = StepParameters.read(context, Parameters.class);
        String id = parameters.dbInstanceId();
        RdsClient rds = aws.rds(parameters.region());
        DBInstance db = AwsLookups.database(rds, id);
        boolean replica = db.readReplicaSourceDBInstanceIdentifier() != null;
        if (!replica) {
            return done(id, "already standalone");
        }
        if (!"available".equals(db.dbInstanceStatus())) {
            // modifying with the source still named is also what a promotion started before a restart looks like:
            // waiting until it is standalone covers both cases without a second PromoteReadReplica
            return new StepResult.Running(POLL, JsonNodeFactory.instance.objectNode().put("waitingFor", db.dbInstanceStatus()));
        }
        promote(rds, id);
        return done(id, "promotion started");
    }

    /** The one PromoteReadReplica call: this step's, and its await's when AWS lost the promotion. */
    static void promote(RdsClient rds, String dbInstanceId) {
        rds.promoteReadReplica(r -> r.dbInstanceIdentifier(dbInstanceId));
    }

    private static StepResult done(String id, String how) {
        return new StepResult.Succeeded(JsonNodeFactory.instance.objectNode().put("dbInstanceId", id).put("promotion", how));
    }
}
