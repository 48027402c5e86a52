package io.drc.strategies.handlers;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.drc.strategies.aws.AwsClients;
import io.drc.strategies.step.StepContext;
import io.drc.strategies.step.StepHandler;
import io.drc.strategies.step.StepParameters;
import io.drc.strategies.step.StepParameters.OptionalParameter;
import io.drc.strategies.step.StepResult;
import java.time.Duration;
import software.amazon.awssdk.services.rds.model.DBInstance;

/**
 * {@code drc:rds:awaitAvailable}: done when the database is {@code available} — and, with
 * {@code standalone: true}, no longer a replica of anything (a finished promotion).
 */
public final class AwaitDatabaseHandler implements StepHandler {
    /** {@code standalone}: also wait until it is no replica (absent or null: false). */
    public record Parameters(String region, String dbInstanceId, @OptionalParameter Boolean standalone) { }

    static final Duration POLL = Duration.ofSeconds(10);
    private final AwsClients aws;

    public AwaitDatabaseHandler(AwsClients aws) {
        this.aws = aws;
    }

    @Override
    public Class<Parameters> parameterType() {
        return Parameters.class;
    }

    @Override
    public String resource() {
        return "drc:rds:awaitAvailable";
    }

    @Override
    public boolean mutating() {
        return false;
    }

    @Override
    public StepResult execute(StepContext context) {
        Parameters parameters = StepParameters.read(context, Parameters.class);
        DBInstance db = AwsLookups.database(aws.rds(parameters.region()), parameters.dbInstanceId());
        boolean standalone = db.readReplicaSourceDBInstanceIdentifier() == null;
        ObjectNode seen = JsonNodeFactory.instance.objectNode()
                .put("dbInstanceId", db.dbInstanceIdentifier())
                .put("status", db.dbInstanceStatus())
                .put("standalone", standalone)
                .put("endpoint", db.endpoint() == null ? null : db.endpoint().address());
        boolean needStandalone = Boolean.TRUE.equals(parameters.standalone());
        boolean ready = "available".equals(db.dbInstanceStatus()) && (standalone || !needStandalone);
        return ready ? new StepResult.Succeeded(seen) : new StepResult.Running(POLL, seen);
    }
}
