package io.drc.strategies.handlers;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.drc.strategies.aws.AwsClients;
import io.drc.strategies.step.Reassertion;
import io.drc.strategies.step.StepContext;
import io.drc.strategies.step.StepHandler;
import io.drc.strategies.step.StepParameters;
import io.drc.strategies.step.StepParameters.OptionalParameter;
import io.drc.strategies.step.StepResult;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.rds.RdsClient;
import software.amazon.awssdk.services.rds.model.DBInstance;

/**
 * {@code drc:rds:awaitAvailable}: done when the database is {@code available} — and, with
 * {@code standalone: true}, no longer a replica of anything (a finished promotion).
 *
 * <p>With {@code standalone: true} the step waits for a promotion and is level-triggered ({@link Reassertion}): while
 * RDS shows the database as an {@code available} replica — no promotion under way, as if AWS lost the
 * {@code PromoteReadReplica} — for {@code reassertAfterSeconds} (default 60), it promotes it again, at most once per
 * that period. A dry run does not list this step as changing anything: it only repeats the promotion step's change.
 */
public final class AwaitDatabaseHandler implements StepHandler {
    private static final Logger LOG = LoggerFactory.getLogger(AwaitDatabaseHandler.class);

    /**
     * {@code standalone}: also wait until it is no replica (absent or null: false); {@code reassertAfterSeconds}: how
     * long an unpromoted replica is tolerated before the promotion is re-issued.
     */
    public record Parameters(String region, String dbInstanceId, @OptionalParameter Boolean standalone,
                             @OptionalParameter Integer reassertAfterSeconds) { }

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
        RdsClient rds = aws.rds(parameters.region());
        DBInstance db = AwsLookups.database(rds, parameters.dbInstanceId());
        boolean standalone = db.readReplicaSourceDBInstanceIdentifier() == null;
        ObjectNode seen = JsonNodeFactory.instance.objectNode()
                .put("dbInstanceId", db.dbInstanceIdentifier())
                .put("status", db.dbInstanceStatus())
                .put("standalone", standalone)
                .put("endpoint", db.endpoint() == null ? null : db.endpoint().address());
        boolean needStandalone = Boolean.TRUE.equals(parameters.standalone());
        boolean ready = "available".equals(db.dbInstanceStatus()) && (standalone || !needStandalone);
        Reassertion kept = Reassertion.from(context.checkpoint());
        if (ready) {
            return new StepResult.Succeeded(kept.report(seen));
        }
        if (!needStandalone) {
            return new StepResult.Running(POLL, seen);
        }
        // an available replica is a promotion not under way: AWS shows "modifying" while one runs
        Optional<String> regressed = "available".equals(db.dbInstanceStatus())
                ? Optional.of(db.dbInstanceIdentifier() + " is an available read replica of "
                        + db.readReplicaSourceDBInstanceIdentifier() + ": no promotion under way")
                : Optional.empty();
        Reassertion.Verdict verdict = kept.observe(regressed, context.now(),
                Reassertion.grace(parameters.reassertAfterSeconds()), "PromoteReadReplica");
        if (verdict.reissue()) {
            PromoteReplicaHandler.promote(rds, db.dbInstanceIdentifier());
            LOG.warn("execution {}: step {}: {}; PromoteReadReplica re-issued", context.executionId(),
                    context.stepName(), regressed.get());
        }
        return new StepResult.Running(POLL, verdict.next().writeTo(seen));
    }
}
