package io.drc.strategies.handlers;

import static io.drc.strategies.handlers.HandlerFixture.EAST;
import static io.drc.strategies.handlers.HandlerFixture.WEST;
import static io.drc.strategies.handlers.HandlerFixture.params;
import static org.assertj.core.api.Assertions.assertThat;

import io.drc.strategies.step.PlannedChange;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.rds.model.DBInstance;

/** Database role and size: promote, modify, delete, create a replica; each start handler twice, one AWS change. */
class DatabaseHandlersTest {
    private final HandlerFixture f = HandlerFixture.demo();

    @AfterEach
    void close() {
        f.close();
    }

    @Test
    void promotesTheReplicaOnceAndWaitsUntilItStandsAlone() {
        var promote = new PromoteReplicaHandler(f.aws);
        var p = params("{'region': 'us-west-2', 'dbInstanceId': 'shop-db-replica'}");
        f.succeeds(promote, p);
        assertThat(f.running(promote, p).checkpoint().path("waitingFor").asText()).isEqualTo("modifying");
        assertThat(f.mutating("PromoteReadReplica")).hasSize(1);
        assertThat(f.awaitSuccess(new AwaitDatabaseHandler(f.aws),
                params("{'region': 'us-west-2', 'dbInstanceId': 'shop-db-replica', 'standalone': true}"), 100)).isPositive();
        assertThat(f.succeeds(promote, p).output().path("promotion").asText()).isEqualTo("already standalone");
    }

    @Test
    void theAwaitReissuesAPromotionAwsLostOncePerGracePeriodAndNotWhileOneIsUnderWay() {
        promoteAndLose(2);
        var await = new AwaitDatabaseHandler(f.aws);
        var p = params("{'region': 'us-west-2', 'dbInstanceId': 'shop-db-replica', 'standalone': true, "
                + "'reassertAfterSeconds': 30}");

        int polls = f.awaitSuccess(await, p, 100);

        assertThat(db(WEST, "shop-db-replica").readReplicaSourceDBInstanceIdentifier()).isNull();
        assertThat(f.mutating("PromoteReadReplica")).as("the step's, then one per lost promotion").hasSize(3);
        var calls = f.mutating("PromoteReadReplica");
        java.time.Duration promote = f.simulator.world().timings().of("rds.promote");
        for (int i = 1; i < calls.size(); i++) {
            assertThat(java.time.Duration.between(calls.get(i - 1).at(), calls.get(i).at()))
                    .as("never while a promotion runs, and a grace period of 30 s after it was lost")
                    .isGreaterThanOrEqualTo(promote.plusSeconds(30));
        }
        assertThat(polls).isPositive();
    }

    @Test
    void theAwaitListsTheReissuedPromotionsInItsOutput() {
        promoteAndLose(1);
        var await = new AwaitDatabaseHandler(f.aws);
        var p = params("{'region': 'us-west-2', 'dbInstanceId': 'shop-db-replica', 'standalone': true}");
        com.fasterxml.jackson.databind.JsonNode checkpoint = null;
        io.drc.strategies.step.StepResult result;
        while ((result = await.execute(f.context(p, checkpoint))) instanceof io.drc.strategies.step.StepResult.Running r) {
            checkpoint = r.checkpoint();
            f.simulator.manualClock().advance(r.pollAfter());
        }
        var output = ((io.drc.strategies.step.StepResult.Succeeded) result).output();
        assertThat(output.path("reasserted")).singleElement().satisfies(a -> {
            assertThat(a.path("action").asText()).isEqualTo("PromoteReadReplica");
            assertThat(a.path("why").asText()).startsWith("shop-db-replica is an available read replica of ");
        });
    }

    /**
     * The DR replica's promotion starts, and AWS loses it and the next {@code lost - 1}: each time the replica passes
     * through modifying and is back a replica (the simulator's LOSE fault).
     */
    private void promoteAndLose(int lost) {
        f.simulator.faults().add(new io.drc.simulator.core.FaultRule(null, io.drc.simulator.core.FaultRule.Kind.LOSE,
                WEST, "rds", "PromoteReadReplica", null, null, lost));
        f.succeeds(new PromoteReplicaHandler(f.aws), params("{'region': 'us-west-2', 'dbInstanceId': 'shop-db-replica'}"));
    }

    @Test
    void anAwaitWithoutStandaloneNeverPromotes() {
        f.awaitSuccess(new AwaitDatabaseHandler(f.aws), params("{'region': 'us-west-2', 'dbInstanceId': 'shop-db-replica'}"), 100);
        assertThat(f.allMutating()).isEmpty();
    }

    @Test
    void modifiesOnceAndNotAgainWhileTheChangeIsApplied() {
        var modify = new ModifyDatabaseHandler(f.aws);
        var p = params("{'region': 'us-east-1', 'dbInstanceId': 'shop-db', 'instanceClass': 'db.r6g.2xlarge', 'multiAz': null}");
        assertThat(f.succeeds(modify, p).output().path("changed").asBoolean()).isTrue();
        assertThat(f.succeeds(modify, p).output().path("changed").asBoolean()).isFalse();
        assertThat(f.mutating("ModifyDBInstance")).hasSize(1);
        assertThat(f.mutating("ModifyDBInstance").get(0).params()).containsEntry("ApplyImmediately", "true")
                .doesNotContainKey("MultiAZ");
        f.awaitSuccess(new AwaitDatabaseHandler(f.aws), params("{'region': 'us-east-1', 'dbInstanceId': 'shop-db'}"), 100);
        assertThat(db(EAST, "shop-db").dbInstanceClass()).isEqualTo("db.r6g.2xlarge");
    }

    @Test
    void aDryRunOfModifyListsTheClassAndMultiAzChangesWithoutMakingThem() {
        var modify = new ModifyDatabaseHandler(f.aws);
        assertThat(modify.plan(f.context(params("{'region': 'us-west-2', 'dbInstanceId': 'shop-db-replica', "
                + "'instanceClass': 'db.r6g.xlarge', 'multiAz': true}"), null))).containsExactly(
                new PlannedChange("rds:us-west-2:shop-db-replica", "instanceClass", "db.r6g.large", "db.r6g.xlarge"),
                new PlannedChange("rds:us-west-2:shop-db-replica", "multiAz", "false", "true"));
        assertThat(modify.plan(f.context(params("{'region': 'us-east-1', 'dbInstanceId': 'shop-db', "
                + "'instanceClass': 'db.r6g.large', 'multiAz': true}"), null))).as("already so").isEmpty();
        assertThat(f.allMutating()).isEmpty();
    }

    @Test
    void modifyWithNothingToChangeCallsNothing() {
        var modify = new ModifyDatabaseHandler(f.aws);
        f.succeeds(modify, params("{'region': 'us-east-1', 'dbInstanceId': 'shop-db'}"));
        f.succeeds(modify, params("{'region': 'us-east-1', 'dbInstanceId': 'shop-db', 'instanceClass': 'db.r6g.large', 'multiAz': true}"));
        assertThat(f.allMutating()).isEmpty();
    }

    @Test
    void deletesWithAFinalSnapshotOnceThenAwaitsTheDeletion() {
        var delete = new DeleteDatabaseHandler(f.aws, f.noProduction());
        var p = params("{'region': 'us-east-1', 'dbInstanceId': 'shop-db'}");
        var first = f.succeeds(delete, p).output();
        var second = f.succeeds(delete, p).output();
        assertThat(f.mutating("DeleteDBInstance")).hasSize(1);
        assertThat(first.path("finalSnapshotId").asText()).isEqualTo("drc-final-shop-db-7f3e9a2c");
        assertThat(second.path("deletion").asText()).isEqualTo("already deleting");
        assertThat(second.path("finalSnapshotId").asText()).isEqualTo("drc-final-shop-db-7f3e9a2c");
        assertThat(f.awaitSuccess(new AwaitDatabaseDeletedHandler(f.aws), p, 100)).isPositive();
        assertThat(f.succeeds(delete, p).output().path("deletion").asText()).isEqualTo("already gone");
        assertThat(f.mutating("DeleteDBInstance")).hasSize(1);
    }

    @Test
    void deletesAReadReplicaWithoutTheFinalSnapshotItCannotTake() {
        var out = f.succeeds(new DeleteDatabaseHandler(f.aws, f.noProduction()),
                params("{'region': 'us-west-2', 'dbInstanceId': 'shop-db-replica', 'finalSnapshot': true}")).output();
        assertThat(out.path("finalSnapshotId").isNull()).isTrue();
        assertThat(out.path("finalSnapshotSkipped").asText()).contains("read replica");
        assertThat(f.mutating("DeleteDBInstance").get(0).params()).containsEntry("SkipFinalSnapshot", "true");
    }

    @Test
    void createsACrossRegionReplicaOnceAndWaitsUntilItIsAvailable() {
        var create = new CreateReplicaHandler(f.aws);
        var p = params("{'region': 'us-west-2', 'dbInstanceId': 'shop-db-2', 'sourceRegion': 'us-east-1',"
                + " 'sourceDbInstanceId': 'shop-db', 'instanceClass': 'db.r6g.xlarge'}");
        assertThat(f.succeeds(create, p).output().path("created").asBoolean()).isTrue();
        assertThat(f.succeeds(create, p).output().path("created").asBoolean()).isFalse();
        assertThat(f.mutating("CreateDBInstanceReadReplica")).hasSize(1);
        f.awaitSuccess(new AwaitDatabaseHandler(f.aws), params("{'region': 'us-west-2', 'dbInstanceId': 'shop-db-2'}"), 200);
        assertThat(db(WEST, "shop-db-2").readReplicaSourceDBInstanceIdentifier()).endsWith(":db:shop-db");
        assertThat(db(WEST, "shop-db-2").dbInstanceClass()).isEqualTo("db.r6g.xlarge");
    }

    @Test
    void anInstanceOfAnotherSourceUnderTheReplicasNameIsAConflict() {
        var failed = f.fails(new CreateReplicaHandler(f.aws), params("{'region': 'us-east-1', 'dbInstanceId': 'shop-db',"
                + " 'sourceRegion': 'us-west-2', 'sourceDbInstanceId': 'shop-db-replica'}"));
        assertThat(failed.error()).isEqualTo("Drc.Conflict");
        assertThat(failed.cause()).contains("shop-db", "not a read replica");
        assertThat(f.allMutating()).isEmpty();
    }

    private DBInstance db(String region, String id) {
        try (var rds = f.clients.rds(region)) {
            return rds.describeDBInstances(r -> r.dbInstanceIdentifier(id)).dbInstances().get(0);
        }
    }
}
