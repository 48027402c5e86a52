package io.drc.strategies.handlers;

import static io.drc.strategies.handlers.HandlerFixture.params;
import static org.assertj.core.api.Assertions.assertThat;

import io.drc.simulator.core.FaultRule;
import io.drc.strategies.aws.AwsClients;
import io.drc.strategies.step.StepHandler;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every AWS step handler's main failures, as runbooks match them: a resource that does not exist is
 * {@code Drc.NotFound}; a region that stops answering {@code Drc.RegionUnreachable}; throttling that outlives the
 * SDK's retries {@code Drc.Throttled}. Parameters name what is missing, in the region the fault hits (us-west-2).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS) // failing calls change nothing: one simulator serves every case
class HandlerFailuresTest {
    private final HandlerFixture f = HandlerFixture.demo();

    @AfterEach
    void clearFaults() {
        f.simulator.faults().clear();
    }

    @AfterAll
    void close() {
        f.close();
    }

    /** Per handler: parameters naming a resource that does not exist, and parameters that reach AWS in us-west-2. */
    Stream<Arguments> handlers() {
        String db = "{'region': 'us-west-2', 'dbInstanceId': 'shop-db-replica'}";
        return Stream.of(
                handler(aws -> new ScaleGroupsHandler(aws, f.noProduction()), "{'region': 'us-west-2', 'groups': [{'name': 'nope', 'min': 1, 'desired': 1, 'max': 1}]}",
                        "{'region': 'us-west-2', 'groups': [{'name': 'web', 'min': 0, 'desired': 0, 'max': 8}]}"),
                handler(AwaitGroupsInServiceHandler::new, "{'region': 'us-west-2', 'groups': [{'name': 'nope', 'min': 1, 'desired': 1, 'max': 1}]}",
                        "{'region': 'us-west-2', 'groups': [{'name': 'web', 'min': 0, 'desired': 0, 'max': 8}]}"),
                handler(AwaitHealthyTargetsHandler::new, "{'region': 'us-west-2', 'targetGroups': ['nope'], 'minHealthy': 1}",
                        "{'region': 'us-west-2', 'targetGroups': ['web-tg'], 'minHealthy': 1}"),
                // no AMI comes first; ComputeHandlersTest misses a template
                handler(UseLatestImageHandler::new, null,
                        "{'region': 'us-west-2', 'launchTemplates': ['web-lt'], 'sourceResource': 'web'}"),
                handler(PromoteReplicaHandler::new, "{'region': 'us-west-2', 'dbInstanceId': 'nope'}", db),
                handler(AwaitDatabaseHandler::new, "{'region': 'us-west-2', 'dbInstanceId': 'nope'}", db),
                handler(ModifyDatabaseHandler::new, "{'region': 'us-west-2', 'dbInstanceId': 'nope', 'instanceClass': 'db.r6g.large'}",
                        "{'region': 'us-west-2', 'dbInstanceId': 'shop-db-replica', 'instanceClass': 'db.r6g.xlarge'}"),
                handler(CreateReplicaHandler::new, "{'region': 'us-west-2', 'dbInstanceId': 'new', 'sourceRegion': 'us-west-2', 'sourceDbInstanceId': 'nope'}",
                        "{'region': 'us-west-2', 'dbInstanceId': 'new', 'sourceRegion': 'us-west-2', 'sourceDbInstanceId': 'shop-db-replica'}"),
                handler(AwaitReplicaLagHandler::new, "{'region': 'us-west-2', 'dbInstanceId': 'nope', 'maxLagSeconds': 30}",
                        "{'region': 'us-west-2', 'dbInstanceId': 'shop-db-replica', 'maxLagSeconds': 30}"),
                handler(aws -> new DeleteDatabaseHandler(aws, f.noProduction()), null, db),
                handler(AwaitDatabaseDeletedHandler::new, null, db),
                handler(CreateDbSnapshotHandler::new, "{'region': 'us-west-2', 'dbInstanceId': 'nope'}", db),
                handler(AwaitDbSnapshotHandler::new, "{'region': 'us-west-2', 'snapshotId': 'nope'}",
                        "{'region': 'us-west-2', 'snapshotId': 's'}"),
                handler(CopyDbSnapshotHandler::new, "{'region': 'us-west-2', 'sourceRegion': 'us-west-2', 'sourceSnapshotId': 'nope', 'targetSnapshotId': 'copy'}",
                        "{'region': 'us-west-2', 'sourceRegion': 'us-west-2', 'sourceSnapshotId': 's', 'targetSnapshotId': 't'}"),
                handler(RestoreDbSnapshotHandler::new, "{'region': 'us-west-2', 'dbInstanceId': 'new', 'snapshotId': 'nope'}",
                        "{'region': 'us-west-2', 'dbInstanceId': 'shop-db-replica', 'snapshotId': 's'}"),
                handler(RestoreLatestSnapshotHandler::new, null,
                        "{'region': 'us-west-2', 'dbInstanceId': 'shop-db-replica', 'sourceResource': 'web'}"),
                handler(PutMetricHandler::new, null,
                        "{'region': 'us-west-2', 'namespace': 'drc', 'metric': 'm', 'value': 1}"));
    }

    /** {@code notFoundParams} null: the handler takes a missing resource as done (or has none to miss). */
    private static Arguments handler(Function<AwsClients, StepHandler> handler, String notFoundParams, String westParams) {
        return Arguments.of(handler, notFoundParams, westParams);
    }

    @ParameterizedTest
    @MethodSource("handlers")
    void aMissingResourceIsNotFound(Function<AwsClients, StepHandler> handler, String notFoundParams, String ignored) {
        if (notFoundParams != null) {
            var failed = f.fails(handler.apply(f.aws), params(notFoundParams));
            assertThat(failed.error()).isEqualTo("Drc.NotFound");
            assertThat(failed.cause()).contains("nope");
        }
    }

    @ParameterizedTest
    @MethodSource("handlers")
    void aRegionThatStopsAnsweringIsRegionUnreachable(Function<AwsClients, StepHandler> handler, String ignored,
            String westParams) {
        f.simulator.faults().add(FaultRule.regionDown("us-west-2"));
        assertThat(f.fails(handler.apply(f.aws), params(westParams)).error()).isEqualTo("Drc.RegionUnreachable");
    }

    @ParameterizedTest
    @MethodSource("handlers")
    void throttlingEverythingIsThrottled(Function<AwsClients, StepHandler> handler, String ignored, String westParams) {
        f.simulator.faults().add(new FaultRule(null, FaultRule.Kind.THROTTLE, null, null, null, 1.0, null, null));
        assertThat(f.fails(handler.apply(f.aws), params(westParams)).error()).isEqualTo("Drc.Throttled");
    }
}
