package io.drc.strategies.handlers;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.drc.strategies.aws.AwsClients;
import io.drc.strategies.step.StepContext;
import io.drc.strategies.step.StepHandler;
import io.drc.strategies.step.StepParameters;
import io.drc.strategies.step.StepResult;
import java.time.Duration;
import java.util.Optional;
import software.amazon.awssdk.services.rds.model.DBInstance;

/** {@code drc:rds:awaitDeleted}: done when RDS answers DBInstanceNotFound for {@code dbInstanceId}. */
public final class AwaitDatabaseDeletedHandler implements StepHandler {
    public record Parameters(String region, String dbInstanceId) { }

    static final Duration POLL = Duration.ofSeconds(15);
    private final AwsClients aws;

    public AwaitDatabaseDeletedHandler(AwsClients aws) {
        this.aws = aws;
    }

    @Override
    public Class<Parameters> parameterType() {
        return Parameters.class;
    }

    @Override
    public String resource() {
        return "drc:rds:awaitDeleted";
    }

    @Override
    public boolean mutating() {
        return false;
    }

    @Override
    public StepResult execute(StepContext context) {
        Parameters parameters = StepParameters.read(context, Parameters.class);
        String id = parameters.dbInstanceId();
        Optional<DBInstance> db = AwsLookups.findDatabase(aws.rds(parameters.region()), id);
        var seen = JsonNodeFactory.instance.objectNode().put("dbInstanceId", id);
        return db.isEmpty() ? new StepResult.Succeeded(seen.put("status", "deleted"))
                : new StepResult.Running(POLL, seen.put("status", db.get().dbInstanceStatus()));
    }
}
