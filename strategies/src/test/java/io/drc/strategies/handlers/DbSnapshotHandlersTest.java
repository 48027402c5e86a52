package io.drc.strategies.handlers;

import static io.drc.strategies.handlers.HandlerFixture.WEST;
import static io.drc.strategies.handlers.HandlerFixture.params;
import static org.assertj.core.api.Assertions.assertThat;

import io.drc.simulator.rds.RdsState;
import io.drc.strategies.aws.DrcTags;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.rds.model.DBInstance;
import software.amazon.awssdk.services.rds.model.Tag;

/** Backup-restore's database path: snapshot, copy to the other region, restore (named or newest recovery point). */
class DbSnapshotHandlersTest {
    private final HandlerFixture f = HandlerFixture.demo();

    @AfterEach
    void close() {
        f.close();
    }

    @Test
    void snapshotsCopiesAndRestoresEachOnce() {
        var create = new CreateDbSnapshotHandler(f.aws);
        var take = params("{'region': 'us-west-2', 'dbInstanceId': 'shop-db-replica'}");
        var made = f.succeeds(create, take).output();
        assertThat(made.path("snapshotId").asText()).isEqualTo("drc-shop-db-replica-7f3e9a2c");
        assertThat(f.succeeds(create, take).output().path("created").asBoolean()).isFalse();
        assertThat(f.mutating("CreateDBSnapshot")).hasSize(1);
        var await = new AwaitDbSnapshotHandler(f.aws);
        assertThat(f.awaitSuccess(await, params("{'region': 'us-west-2', 'snapshotId': 'drc-shop-db-replica-7f3e9a2c'}"), 100))
                .isPositive();

        var copy = new CopyDbSnapshotHandler(f.aws);
        var home = params("{'region': 'us-east-1', 'sourceRegion': 'us-west-2', 'sourceSnapshotId': 'drc-shop-db-replica-7f3e9a2c',"
                + " 'targetSnapshotId': 'drc-shop-db-replica-7f3e9a2c', 'kmsKeyId': null}");
        assertThat(f.succeeds(copy, home).output().path("copyStarted").asBoolean()).isTrue();
        assertThat(f.succeeds(copy, home).output().path("copyStarted").asBoolean()).isFalse();
        assertThat(f.mutating("CopyDBSnapshot")).hasSize(1);
        assertThat(f.mutating("CopyDBSnapshot").get(0).params().get("SourceDBSnapshotIdentifier"))
                .isEqualTo(made.path("snapshotArn").asText());
        f.awaitSuccess(await, params("{'region': 'us-east-1', 'snapshotId': 'drc-shop-db-replica-7f3e9a2c'}"), 100);
        // the copy home keeps the tags that say who made it and when: an operator can find and delete it
        assertThat(f.aws.rds("us-east-1").describeDBSnapshots(r -> r.dbSnapshotIdentifier("drc-shop-db-replica-7f3e9a2c"))
                .dbSnapshots().get(0).tagList()).extracting(t -> t.key() + "=" + t.value())
                .contains(DrcTags.MANAGED_BY + "=drc", DrcTags.EXECUTION + "=" + HandlerFixture.EXECUTION);

        var restore = new RestoreDbSnapshotHandler(f.aws);
        var back = params("{'region': 'us-east-1', 'dbInstanceId': 'shop-db-restored', 'snapshotId': 'drc-shop-db-replica-7f3e9a2c',"
                + " 'instanceClass': 'db.r6g.xlarge', 'multiAz': true}");
        f.succeeds(restore, back);
        f.succeeds(restore, back);
        assertThat(f.mutating("RestoreDBInstanceFromDBSnapshot")).hasSize(1);
        f.awaitSuccess(new AwaitDatabaseHandler(f.aws),
                params("{'region': 'us-east-1', 'dbInstanceId': 'shop-db-restored'}"), 200);
        DBInstance restored = db("us-east-1", "shop-db-restored");
        assertThat(restored.dbInstanceClass()).isEqualTo("db.r6g.xlarge");
        assertThat(restored.multiAZ()).isTrue();
    }

    @Test
    void aCopyWaitsForAFreeSlotInsteadOfFailing() {
        f.simulator.world().locked(() -> RdsState.of(f.simulator.world().region("us-east-1")).setConcurrentCopyLimit(0));
        snapshot("shop-db-replica", "manual-1", null, null);
        var running = f.running(new CopyDbSnapshotHandler(f.aws), params("{'region': 'us-east-1', 'sourceRegion': 'us-west-2',"
                + " 'sourceSnapshotId': 'manual-1', 'targetSnapshotId': 'manual-1'}"));
        assertThat(running.checkpoint().path("waitingFor").asText()).contains("copy slot");
    }

    @Test
    void restoresTheNewestRecoveryPointOfTheResourceOnce() {
        snapshot("shop-db-replica", "rp-old", "shop-db", "2026-01-01T00:00:00Z");
        snapshot("shop-db-replica", "rp-new", "shop-db", "2026-01-01T01:00:00Z");
        snapshot("shop-db-replica", "rp-other", "billing-db", "2026-01-01T02:00:00Z");
        snapshot("shop-db-replica", "not-drc", null, null);
        var restore = new RestoreLatestSnapshotHandler(f.aws);
        var p = params("{'region': 'us-west-2', 'dbInstanceId': 'shop-db-dr', 'sourceResource': 'shop-db', 'instanceClass': null}");
        var first = f.succeeds(restore, p).output();
        var second = f.succeeds(restore, p).output();
        assertThat(first.path("snapshotId").asText()).isEqualTo("rp-new");
        assertThat(first.path("sourceTime").asText()).isEqualTo("2026-01-01T01:00:00Z");
        assertThat(second.path("snapshotId").asText()).isEqualTo("rp-new");
        assertThat(second.path("sourceTime").asText()).isEqualTo("2026-01-01T01:00:00Z");
        assertThat(f.mutating("RestoreDBInstanceFromDBSnapshot")).hasSize(1);
        assertThat(db(WEST, "shop-db-dr").tagList()).contains(Tag.builder().key(DrcTags.RESTORED_FROM).value("rp-new").build());
    }

    @Test
    void aRestoreDoesNotTakeAnInstanceItDidNotRestoreForItsOwn() {
        snapshot("shop-db-replica", "rp-new", "shop-db", "2026-01-01T01:00:00Z");
        // the demo's DR read replica, still following the primary: serving it as "restored" would be a lie
        var failed = f.fails(new RestoreLatestSnapshotHandler(f.aws),
                params("{'region': 'us-west-2', 'dbInstanceId': 'shop-db-replica', 'sourceResource': 'shop-db'}"));
        assertThat(failed.error()).isEqualTo("Drc.Conflict");
        assertThat(failed.cause()).contains("shop-db-replica", "read replica of", "recovery.regions.us-west-2.database.instanceId");
        var named = f.fails(new RestoreDbSnapshotHandler(f.aws),
                params("{'region': 'us-west-2', 'dbInstanceId': 'shop-db-replica', 'snapshotId': 'rp-new'}"));
        assertThat(named.error()).isEqualTo("Drc.Conflict");
        assertThat(f.mutating("RestoreDBInstanceFromDBSnapshot")).isEmpty();
    }

    @Test
    void aRestoreWaitsForAnEarlierRestoreBeingDeletedThenRestoresAnew() {
        snapshot("shop-db-replica", "rp-new", "shop-db", "2026-01-01T01:00:00Z");
        var restore = new RestoreLatestSnapshotHandler(f.aws);
        var p = params("{'region': 'us-west-2', 'dbInstanceId': 'shop-db-dr', 'sourceResource': 'shop-db'}");
        f.succeeds(restore, p);
        f.advance("rds.restore");
        // a fail-back retires the DR database without waiting; a failover soon after finds it still deleting
        try (var rds = f.clients.rds(WEST)) {
            rds.deleteDBInstance(r -> r.dbInstanceIdentifier("shop-db-dr").skipFinalSnapshot(true));
        }
        assertThat(f.running(restore, p).checkpoint().path("waitingFor").asText()).contains("shop-db-dr", "deleted");
        f.advance("rds.delete");
        assertThat(f.succeeds(restore, p).output().path("restoreStarted").asBoolean()).isTrue();
        assertThat(f.mutating("RestoreDBInstanceFromDBSnapshot")).hasSize(2);
    }

    @Test
    void aDryRunNamesTheSnapshotARestoreWouldUseAndChangesNothing() {
        snapshot("shop-db-replica", "rp-new", "shop-db", "2026-01-01T01:00:00Z");
        f.simulator.journal().clear();
        var restore = new RestoreLatestSnapshotHandler(f.aws);
        var p = params("{'region': 'us-west-2', 'dbInstanceId': 'shop-db-dr', 'sourceResource': 'shop-db'}");
        assertThat(restore.plan(f.context(p, null))).singleElement().satisfies(change -> {
            assertThat(change.resource()).isEqualTo("rds:us-west-2:shop-db-dr");
            assertThat(change.to()).startsWith("rp-new").contains("2026-01-01T01:00:00Z");
        });
        assertThat(f.allMutating()).isEmpty();
        f.succeeds(restore, p);
        assertThat(restore.plan(f.context(p, null))).as("restored already: nothing to do").isEmpty();
    }

    @Test
    void noRecoveryPointNamesTheResourceAndRegion() {
        var failed = f.fails(new RestoreLatestSnapshotHandler(f.aws),
                params("{'region': 'us-west-2', 'dbInstanceId': 'shop-db-dr', 'sourceResource': 'shop-db'}"));
        assertThat(failed.error()).isEqualTo("Drc.NoRecoveryPoint");
        assertThat(failed.cause()).contains("shop-db", "us-west-2");
        assertThat(f.allMutating()).isEmpty();
    }

    /** An available snapshot in us-west-2, tagged as replication tags its recovery points when resource is given. */
    private void snapshot(String instance, String id, String resource, String sourceTime) {
        try (var rds = f.clients.rds(WEST)) {
            rds.createDBSnapshot(r -> {
                r.dbInstanceIdentifier(instance).dbSnapshotIdentifier(id);
                if (resource != null) {
                    r.tags(Tag.builder().key(DrcTags.RESOURCE).value(resource).build(),
                            Tag.builder().key(DrcTags.SOURCE_TIME).value(sourceTime).build());
                }
            });
        }
        f.advance("rds.snapshot.create");
    }

    private DBInstance db(String region, String id) {
        try (var rds = f.clients.rds(region)) {
            return rds.describeDBInstances(r -> r.dbInstanceIdentifier(id)).dbInstances().get(0);
        }
    }
}
