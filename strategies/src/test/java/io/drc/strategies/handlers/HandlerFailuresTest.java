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

    Stream<Arguments> handlers() {
        return Stream.of(
                missing(aws -> new ScaleGroupsHandler(aws, f.noProduction()), "{'region': 'us-west-2', 'groups': [{'name': 'nope', 'min': 1, 'desired': 1, 'max': 1}]}"),
                missing(AwaitGroupsInServiceHandler::new, "{'region': 'us-west-2', 'groups': [{'name': 'nope', 'desired': 1}]}"),
                missing(AwaitHealthyTargetsHandler::new, "{'region': 'us-west-2', 'targetGroups': ['nope'], 'minHealthy': 1}"),
                missing(UseLatestImageHandler::new, null), // no AMI comes first; ComputeHandlersTest misses a template
                missing(PromoteReplicaHandler::new, "{'region': 'us-west-2', 'dbInstanceId': 'nope'}"),
                missing(AwaitDatabaseHandler::new, "{'region': 'us-west-2', 'dbInstanceId': 'nope'}"),
                missing(ModifyDatabaseHandler::new, "{'region': 'us-west-2', 'dbInstanceId': 'nope', 'instanceClass': 'db.r6g.large'}"),
                missing(CreateReplicaHandler::new, "{'region': 'us-west-2', 'dbInstanceId': 'new', 'sourceRegion': 'us-west-2', 'sourceDbInstanceId': 'nope'}"),
                missing(AwaitReplicaLagHandler::new, "{'region': 'us-west-2', 'dbInstanceId': 'nope', 'maxLagSeconds': 30}"),
                missing(aws -> new DeleteDatabaseHandler(aws, f.noProduction()), null),
                missing(AwaitDatabaseDeletedHandler::new, null),
                missing(CreateDbSnapshotHandler::new, "{'region': 'us-west-2', 'dbInstanceId': 'nope'}"),
                missing(AwaitDbSnapshotHandler::new, "{'region': 'us-west-2', 'snapshotId': 'nope'}"),
                missing(CopyDbSnapshotHandler::new, "{'region': 'us-west-2', 'sourceRegion': 'us-west-2', 'sourceSnapshotId': 'nope', 'targetSnapshotId': 'copy'}"),
                missing(RestoreDbSnapshotHandler::new, "{'region': 'us-west-2', 'dbInstanceId': 'new', 'snapshotId': 'nope'}"),
                missing(RestoreLatestSnapshotHandler::new, null),
                missing(PutMetricHandler::new, null));
    }

    /** {@code notFoundParams} null: the handler takes a missing resource as done (or has none to miss). */
    private static Arguments missing(Function<AwsClients, StepHandler> handler, String notFoundParams) {
        return Arguments.of(handler, notFoundParams);
    }

    /** Parameters that reach AWS in us-west-2 for every handler; names that exist in the demo. */
    private static final String REACHES_WEST = "{'region': 'us-west-2', 'dbInstanceId': 'shop-db-replica', 'snapshotId': 's',"
            + " 'groups': [{'name': 'web', 'min': 0, 'desired': 0, 'max': 8}], 'targetGroups': ['web-tg'],"
            + " 'launchTemplates': ['web-lt'], 'sourceResource': 'web', 'instanceClass': 'db.r6g.xlarge', 'maxLagSeconds': 30,"
            + " 'sourceRegion': 'us-west-2', 'sourceDbInstanceId': 'shop-db-replica', 'sourceSnapshotId': 's',"
            + " 'targetSnapshotId': 't', 'namespace': 'drc', 'metric': 'm', 'value': 1}";

    @ParameterizedTest
    @MethodSource("handlers")
    void aMissingResourceIsNotFound(Function<AwsClients, StepHandler> handler, String notFoundParams) {
        if (notFoundParams != null) {
            var failed = f.fails(handler.apply(f.aws), params(notFoundParams));
            assertThat(failed.error()).isEqualTo("Drc.NotFound");
            assertThat(failed.cause()).contains("nope");
        }
    }

    @ParameterizedTest
    @MethodSource("handlers")
    void aRegionThatStopsAnsweringIsRegionUnreachable(Function<AwsClients, StepHandler> handler, String ignored) {
        f.simulator.faults().add(FaultRule.regionDown("us-west-2"));
        assertThat(f.fails(handler.apply(f.aws), params(REACHES_WEST)).error()).isEqualTo("Drc.RegionUnreachable");
    }

    @ParameterizedTest
    @MethodSource("handlers")
    void throttlingEverythingIsThrottled(Function<AwsClients, StepHandler> handler, String ignored) {
        f.simulator.faults().add(new FaultRule(null, FaultRule.Kind.THROTTLE, null, null, null, 1.0, null, null));
        assertThat(f.fails(handler.apply(f.aws), params(REACHES_WEST)).error()).isEqualTo("Drc.Throttled");
    }
}
