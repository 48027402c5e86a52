package io.drc.strategies.handlers;

import static io.drc.strategies.handlers.HandlerFixture.EAST;
import static io.drc.strategies.handlers.HandlerFixture.WEST;
import static io.drc.strategies.handlers.HandlerFixture.params;
import static org.assertj.core.api.Assertions.assertThat;

import io.drc.simulator.core.FaultRule;
import io.drc.strategies.serving.DestructiveGuard;
import io.drc.strategies.step.PlannedChange;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Destructive steps re-check, read-only and at the moment they act, that their target is not what serves (the demo:
 * us-east-1 serves with weight 100, shop-db writable, shop-db-replica its replica in us-west-2).
 */
class DestructiveStepGuardTest {
    private static final String DELETE_HOME = "{'region': 'us-east-1', 'dbInstanceId': 'shop-db', 'finalSnapshot': true}";
    private final HandlerFixture f = HandlerFixture.demo();

    @AfterEach
    void close() {
        f.close();
    }

    @Test
    void refusesToDeleteThePrimaryWhileItServesAndDeletesNothing() {
        var failed = f.fails(new DeleteDatabaseHandler(f.aws, f.production()), params(DELETE_HOME));
        assertThat(failed.error()).isEqualTo(DestructiveGuard.UNSAFE);
        assertThat(failed.cause()).contains("shop-db").contains("us-east-1=100").contains("writable")
                .contains("read replica");
        assertThat(f.allMutating()).isEmpty();
        assertThat(f.clients.rds(EAST).describeDBInstances(r -> r.dbInstanceIdentifier("shop-db")).dbInstances().get(0)
                .dbInstanceStatus()).isEqualTo("available");
    }

    @Test
    void deletesTheStaleHomeDatabaseOnceDrIsPromotedAndServes() {
        failOverToDr();
        f.simulator.journal().clear();
        f.succeeds(new DeleteDatabaseHandler(f.aws, f.production()), params(DELETE_HOME));
        assertThat(f.mutating("DeleteDBInstance")).hasSize(1);
    }

    @Test
    void deletingTheDrReplicaIsNoThreatToWhatServes() {
        f.succeeds(new DeleteDatabaseHandler(f.aws, f.production()),
                params("{'region': 'us-west-2', 'dbInstanceId': 'shop-db-replica'}"));
        assertThat(f.mutating("DeleteDBInstance")).hasSize(1);
    }

    @Test
    void whenRoute53DoesNotAnswerTheDeletionFailsUnverifiedAndDeletesNothing() {
        failOverToDr();
        f.simulator.journal().clear();
        f.simulator.faults().add(new FaultRule(null, FaultRule.Kind.DOWN, null, "route53", null, 1.0, null, null));
        var failed = f.fails(new DeleteDatabaseHandler(f.aws, f.production()), params(DELETE_HOME));
        assertThat(failed.error()).isEqualTo("Drc.RegionUnreachable");
        assertThat(f.allMutating()).isEmpty();
    }

    @Test
    void refusesToEmptyTheServingWebTierButFencesADrainedOne() {
        var scale = new ScaleGroupsHandler(f.aws, f.production());
        var fenceEast = params("{'region': 'us-east-1', 'groups': [{'name': 'web', 'min': 0, 'desired': 0, 'max': 8}]}");
        var failed = f.fails(scale, fenceEast);
        assertThat(failed.error()).isEqualTo(DestructiveGuard.UNSAFE);
        assertThat(failed.cause()).contains("web").contains("us-east-1=100");
        assertThat(f.allMutating()).isEmpty();
        setWeights(0, 100);
        f.simulator.journal().clear();
        f.succeeds(scale, fenceEast);
        assertThat(f.mutating("UpdateAutoScalingGroup")).hasSize(1);
    }

    @Test
    void aDryRunListsTheDeletionAndItsFinalSnapshot() {
        var plan = new DeleteDatabaseHandler(f.aws, f.production()).plan(f.context(params(DELETE_HOME), null));
        assertThat(plan).containsExactly(
                new PlannedChange("rds:us-east-1:shop-db", "instance", "writable, available", "deleted"),
                new PlannedChange("rds:us-east-1:shop-db", "final snapshot", "none",
                        "drc-final-shop-db-<execution id>, taken before the deletion"));
        var replica = new DeleteDatabaseHandler(f.aws, f.production())
                .plan(f.context(params("{'region': 'us-west-2', 'dbInstanceId': 'shop-db-replica'}"), null));
        assertThat(replica).singleElement().satisfies(c -> {
            assertThat(c.from()).startsWith("read replica of ");
            assertThat(c.to()).isEqualTo("deleted");
        });
        var scaleDown = new ScaleGroupsHandler(f.aws, f.production()).plan(f.context(
                params("{'region': 'us-east-1', 'groups': [{'name': 'web', 'min': 0, 'desired': 0, 'max': 8}]}"), null));
        assertThat(scaleDown).singleElement().satisfies(c -> assertThat(c.to()).startsWith("0/0/8 (terminates its"));
        assertThat(f.allMutating()).isEmpty();
    }

    private void failOverToDr() {
        f.succeeds(new PromoteReplicaHandler(f.aws), params("{'region': 'us-west-2', 'dbInstanceId': 'shop-db-replica'}"));
        f.awaitSuccess(new AwaitDatabaseHandler(f.aws),
                params("{'region': 'us-west-2', 'dbInstanceId': 'shop-db-replica', 'standalone': true}"), 100);
        setWeights(0, 100);
    }

    private void setWeights(int primary, int dr) {
        f.succeeds(new SetDnsWeightsHandler(f.aws), params("{'hostedZoneId': 'Z0000000000001', 'recordName': "
                + "'shop.example.com.', 'weights': {'primary': " + primary + ", 'dr': " + dr + "}}"));
    }
}
