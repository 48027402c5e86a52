package io.drc.controller.replication;

import io.drc.controller.config.ProtectedResourceConfig;
import io.drc.strategies.aws.AwsClients;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import software.amazon.awssdk.services.cloudwatch.model.Datapoint;
import software.amazon.awssdk.services.cloudwatch.model.Statistic;
import software.amazon.awssdk.services.rds.model.DBInstance;
import software.amazon.awssdk.services.rds.model.DbInstanceNotFoundException;

/**
 * A cross-region read replica's RPO: its newest {@code AWS/RDS ReplicaLag}; its health: the read replication
 * status RDS reports in {@code StatusInfos}.
 */
public final class ReplicaLagReader {
    private static final Duration WINDOW = Duration.ofMinutes(5);

    private final AwsClients aws;
    private final ReplicationContext context;

    public ReplicaLagReader(AwsClients aws, ReplicationContext context) {
        this.aws = aws;
        this.context = context;
    }

    public RpoMeasurement measure(ProtectedResourceConfig replica, Instant now) {
        String region = context.regionOf(replica.id());
        String status;
        try {
            DBInstance instance = aws.rds(region).describeDBInstances(r -> r.dbInstanceIdentifier(replica.resourceId()))
                    .dbInstances().get(0);
            status = instance.statusInfos().stream().filter(s -> "read replication".equals(s.statusType()))
                    .map(s -> s.status()).findFirst().orElse("not a read replica");
        } catch (DbInstanceNotFoundException e) {
            return new RpoMeasurement(replica.id(), null, replica.rpoTargetSeconds(), false,
                    "read replica " + replica.resourceId() + " does not exist in " + region, now);
        } catch (RuntimeException e) {
            return new RpoMeasurement(replica.id(), null, replica.rpoTargetSeconds(), false,
                    "cannot read the replica's state in " + region + ": " + e.getMessage(), now);
        }
        return RpoMeasurement.fromReplicaLag(replica.id(), lag(region, replica.resourceId(), now), status,
                replica.rpoTargetSeconds(), now);
    }

    private Double lag(String region, String instanceId, Instant now) {
        return aws.cloudWatch(region).getMetricStatistics(r -> r.namespace("AWS/RDS").metricName("ReplicaLag")
                        .dimensions(d -> d.name("DBInstanceIdentifier").value(instanceId))
                        .startTime(now.minus(WINDOW)).endTime(now).period(60).statistics(Statistic.MAXIMUM))
                .datapoints().stream().max(Comparator.comparing(Datapoint::timestamp))
                .map(Datapoint::maximum).orElse(null);
    }
}
