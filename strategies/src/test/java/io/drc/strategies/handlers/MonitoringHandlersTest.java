package io.drc.strategies.handlers;

import static io.drc.strategies.handlers.HandlerFixture.params;
import static org.assertj.core.api.Assertions.assertThat;

import io.drc.simulator.rds.RdsState;
import java.time.Duration;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudwatch.model.Statistic;

/** Waiting for a replica to catch up, and publishing a metric. */
class MonitoringHandlersTest {
    private static final String LAG = "{'region': 'us-west-2', 'dbInstanceId': 'shop-db-replica', 'maxLagSeconds': 30}";
    private final HandlerFixture f = HandlerFixture.demo();

    /** The replica has replicated for a few minutes: CloudWatch has ReplicaLag datapoints of it. */
    @BeforeEach
    void replicaHasRunAWhile() {
        f.simulator.manualClock().advance(Duration.ofMinutes(3));
    }

    @AfterEach
    void close() {
        f.close();
    }

    @Test
    void aCaughtUpReplicaIsDoneAtOnce() {
        var out = f.succeeds(new AwaitReplicaLagHandler(f.aws), params(LAG)).output();
        assertThat(out.path("lagSeconds").asDouble()).isBetween(0.0, 30.0);
    }

    @Test
    void waitsWhileTheLagIsAboveTheMaximumWithTheReasonInTheCheckpoint() {
        replica(s -> s.setReplicaLag("shop-db-replica", 120));
        var handler = new AwaitReplicaLagHandler(f.aws);
        assertThat(f.running(handler, params(LAG)).checkpoint().path("reason").asText()).contains("120", "above 30");
        replica(s -> s.resumeReplication("shop-db-replica"));
        assertThat(f.awaitSuccess(handler, params(LAG), 10)).isZero();
    }

    @Test
    void waitsWhileReplicationIsBroken() {
        replica(s -> s.breakReplication("shop-db-replica"));
        var running = f.running(new AwaitReplicaLagHandler(f.aws), params(LAG));
        assertThat(running.checkpoint().path("reason").asText()).isEqualTo("replication is error");
    }

    @Test
    void aStandaloneDatabaseHasNoLagToWaitFor() {
        var failed = f.fails(new AwaitReplicaLagHandler(f.aws),
                params("{'region': 'us-east-1', 'dbInstanceId': 'shop-db', 'maxLagSeconds': 30}"));
        assertThat(failed.error()).isEqualTo("Drc.NotReplica");
    }

    @Test
    void publishesAMetricWithItsDimensions() {
        f.succeeds(new PutMetricHandler(f.aws), params("{'region': 'us-west-2', 'namespace': 'drc', 'metric': 'RtoSeconds',"
                + " 'value': 421.5, 'unit': 'Seconds', 'dimensions': {'application': 'shop'}}"));
        f.simulator.manualClock().advance(Duration.ofSeconds(1));
        try (var cw = f.clients.cloudWatch("us-west-2")) {
            var points = cw.getMetricStatistics(r -> r.namespace("drc").metricName("RtoSeconds")
                    .dimensions(d -> d.name("application").value("shop")).statistics(Statistic.MAXIMUM).period(60)
                    .startTime(HandlerFixture.START).endTime(HandlerFixture.START.plus(Duration.ofMinutes(5)))).datapoints();
            assertThat(points).singleElement().satisfies(p -> assertThat(p.maximum()).isEqualTo(421.5));
        }
    }

    @Test
    void anUnknownUnitIsARunbookError() {
        var failed = f.fails(new PutMetricHandler(f.aws), params("{'region': 'us-west-2', 'namespace': 'drc',"
                + " 'metric': 'RtoSeconds', 'value': 1, 'unit': 'Minutes'}"));
        assertThat(failed.error()).isEqualTo("Drc.InvalidRunbook");
        assertThat(failed.cause()).contains("unit", "Minutes");
        assertThat(f.allMutating()).isEmpty();
    }

    private void replica(Consumer<RdsState> change) {
        f.simulator.world().locked(() -> change.accept(RdsState.of(f.simulator.world().region("us-west-2"))));
    }
}
