package io.drc.strategies.handlers;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.drc.strategies.aws.AwsClients;
import io.drc.strategies.step.StepContext;
import io.drc.strategies.step.StepHandler;
import io.drc.strategies.step.StepParameters;
import io.drc.strategies.step.StepResult;
import java.time.Duration;
import java.util.Comparator;
import java.util.Optional;
import software.amazon.awssdk.services.cloudwatch.model.Datapoint;
import software.amazon.awssdk.services.cloudwatch.model.Statistic;
import software.amazon.awssdk.services.rds.model.DBInstance;
import software.amazon.awssdk.services.rds.model.DBInstanceStatusInfo;

/**
 * {@code drc:rds:awaitReplicaLag}: done when the read replica {@code dbInstanceId} replicates and its newest
 * {@code AWS/RDS ReplicaLag} (maximum per minute over the last 5 minutes) is between 0 and {@code maxLagSeconds}.
 * Replication not {@code replicating}, a lag of −1 (not active), no datapoints yet or a lag above the maximum keep
 * it Running with the reason in the checkpoint: the Task's TimeoutSeconds bounds the wait. An instance that is no
 * read replica at all can never catch up: {@code Drc.NotReplica}.
 */
public final class AwaitReplicaLagHandler implements StepHandler {
    public record Parameters(String region, String dbInstanceId, int maxLagSeconds) {
        public Parameters {
            if (maxLagSeconds < 0) {
                throw StepParameters.invalid("maxLagSeconds", "must be 0 or more, was " + maxLagSeconds);
            }
        }
    }

    static final Duration POLL = Duration.ofSeconds(30);
    static final Duration WINDOW = Duration.ofMinutes(5);
    private final AwsClients aws;

    public AwaitReplicaLagHandler(AwsClients aws) {
        this.aws = aws;
    }

    @Override
    public Class<Parameters> parameterType() {
        return Parameters.class;
    }

    @Override
    public String resource() {
        return "drc:rds:awaitReplicaLag";
    }

    @Override
    public boolean mutating() {
        return false;
    }

    @Override
    public StepResult execute(StepContext context) {
        Parameters parameters = StepParameters.read(context, Parameters.class);
        String region = parameters.region();
        String id = parameters.dbInstanceId();
        int maxLag = parameters.maxLagSeconds();
        DBInstance db = AwsLookups.database(aws.rds(region), id);
        ObjectNode seen = JsonNodeFactory.instance.objectNode().put("dbInstanceId", id).put("maxLagSeconds", maxLag);
        if (db.readReplicaSourceDBInstanceIdentifier() == null) {
            return new StepResult.Failed("Drc.NotReplica", "DB instance '" + id + "' in " + region
                    + " is not a read replica, so it has no replica lag to wait for");
        }
        String replication = db.statusInfos().stream().filter(s -> "read replication".equals(s.statusType()))
                .map(DBInstanceStatusInfo::status).findFirst().orElse(db.dbInstanceStatus());
        if (!"replicating".equals(replication)) {
            return waiting(seen, "replication is " + replication);
        }
        Optional<Double> lag = newestLag(context, region, id);
        if (lag.isEmpty()) {
            return waiting(seen, "no ReplicaLag datapoints in the last " + WINDOW.toMinutes() + " minutes yet");
        }
        seen.put("lagSeconds", lag.get());
        if (lag.get() < 0) {
            return waiting(seen, "ReplicaLag is -1: replication is not active");
        }
        return lag.get() <= maxLag ? new StepResult.Succeeded(seen)
                : waiting(seen, "ReplicaLag " + lag.get() + " s is above " + maxLag + " s");
    }

    private Optional<Double> newestLag(StepContext context, String region, String id) {
        return aws.cloudWatch(region).getMetricStatistics(r -> r.namespace("AWS/RDS").metricName("ReplicaLag")
                        .dimensions(d -> d.name("DBInstanceIdentifier").value(id))
                        .statistics(Statistic.MAXIMUM).period(60)
                        .startTime(context.now().minus(WINDOW)).endTime(context.now()))
                .datapoints().stream().max(Comparator.comparing(Datapoint::timestamp)).map(Datapoint::maximum);
    }

    private static StepResult waiting(ObjectNode seen, String reason) {
        return new StepResult.Running(POLL, seen.put("reason", reason));
    }
}
