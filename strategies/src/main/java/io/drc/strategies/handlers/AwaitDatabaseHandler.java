package io.drc.strategies.handlers;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.drc.strategies.aws.AwsClients;
import io.drc.strategies.step.StepContext;
import io.drc.strategies.step.StepHandler;
import io.drc.strategies.step.StepResult;
import java.time.Duration;
import software.amazon.awssdk.services.rds.model.DBInstance;

/**
 * {@code drc:rds:awaitAvailable}: done when the database is {@code available} — and, with
 * {@code standalone: true}, no longer a replica of anything (a finished promotion).
 */
public final class AwaitDatabaseHandler implements StepHandler {
    static final Duration POLL = Duration.ofSeconds(10);
    private final AwsClients aws;

    public AwaitDatabaseHandler(AwsClients aws) {
        this.aws = aws;
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
        DBInstance db = AwsLookups.database(aws.rds(context.text("region")), context.text("dbInstanceId"));
        boolean standalone = db.readReplicaSourceDBInstanceIdentifier() == null;
        ObjectNode seen = JsonNodeFactory.instance.objectNode()
                .put("dbInstanceId", db.dbInstanceIdentifier())
                .put("status", db.dbInstanceStatus())
                .put("standalone", standalone)
                .put("endpoint", db.endpoint() == null ? null : db.endpoint().address());
        boolean needStandalone = context.parameters().path("standalone").asBoolean(false);
        boolean ready = "available".equals(db.dbInstanceStatus()) && (standalone || !needStandalone);
        return ready ? new StepResult.Succeeded(seen) : new StepResult.Running(POLL, seen);
    }
}
