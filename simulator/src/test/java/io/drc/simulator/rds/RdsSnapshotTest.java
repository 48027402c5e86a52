package io.drc.simulator.rds;

import static io.drc.simulator.rds.RdsTestSupport.advance;
import static io.drc.simulator.rds.RdsTestSupport.availableInstance;
import static io.drc.simulator.rds.RdsTestSupport.availableSnapshot;
import static io.drc.simulator.rds.RdsTestSupport.withState;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.drc.simulator.Simulator;
import io.drc.simulator.TestClients;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.rds.RdsClient;
import software.amazon.awssdk.services.rds.model.DBInstance;
import software.amazon.awssdk.services.rds.model.DBSnapshot;
import software.amazon.awssdk.services.rds.model.DbSnapshotAlreadyExistsException;
import software.amazon.awssdk.services.rds.model.DbSnapshotNotFoundException;
import software.amazon.awssdk.services.rds.model.DescribeDbSnapshotsResponse;
import software.amazon.awssdk.services.rds.model.KmsKeyNotAccessibleException;
import software.amazon.awssdk.services.rds.model.SnapshotQuotaExceededException;
import software.amazon.awssdk.services.rds.model.Tag;

class RdsSnapshotTest {
    private static final Tag OWNER = Tag.builder().key("owner").value("dr-team").build();

    private static Simulator simulator;
    private static TestClients clients;
    private static RdsClient east;
    private static RdsClient west;

    @BeforeAll
    static void start() {
        simulator = RdsTestSupport.start();
        clients = new TestClients(simulator);
        east = clients.rds("us-east-1");
        west = clients.rds("us-west-2");
    }

    @AfterAll
    static void stop() {
        east.close();
        west.close();
        simulator.close();
    }

    private static String arnOf(String snapshot) {
        return "arn:aws:rds:us-east-1:123456789012:snapshot:" + snapshot;
    }

    @Test
    void snapshotIsCreatingWithRisingProgressThenAvailable() {
        availableInstance(simulator, east, "snap-src");
        DBSnapshot creating = east.createDBSnapshot(r -> r.dbInstanceIdentifier("snap-src")
                .dbSnapshotIdentifier("snap-1").tags(OWNER)).dbSnapshot();
        assertThat(creating.status()).isEqualTo("creating");
        assertThat(creating.percentProgress()).isZero();
        assertThat(creating.snapshotCreateTime()).isEqualTo(simulator.world().now());
        assertThat(creating.snapshotType()).isEqualTo("manual");

        simulator.manualClock().advance(RdsTestSupport.timing(simulator, "rds.snapshot.create").dividedBy(2));
        assertThat(east.describeDBSnapshots(r -> r.dbSnapshotIdentifier("snap-1")).dbSnapshots().get(0)
                .percentProgress()).isEqualTo(50);

        simulator.manualClock().advance(RdsTestSupport.timing(simulator, "rds.snapshot.create"));
        DBSnapshot done = east.describeDBSnapshots(r -> r.dbInstanceIdentifier("snap-src")).dbSnapshots().get(0);
        assertThat(done.status()).isEqualTo("available");
        assertThat(done.percentProgress()).isEqualTo(100);
        assertThat(done.tagList()).containsExactly(OWNER);
        assertThat(done.dbSnapshotArn()).isEqualTo(arnOf("snap-1"));
        assertThatThrownBy(() -> east.createDBSnapshot(r -> r.dbInstanceIdentifier("snap-src").dbSnapshotIdentifier("snap-1")))
                .isInstanceOf(DbSnapshotAlreadyExistsException.class);
    }

    @Test
    void crossRegionCopyQueuesWithoutProgressAndKeepsSourceTimeAndTags() {
        availableInstance(simulator, east, "copy-src");
        DBSnapshot source = availableSnapshot(simulator, east, "copy-src", "copy-src-1", r -> r.tags(OWNER));

        DBSnapshot pending = west.copyDBSnapshot(r -> r.sourceDBSnapshotIdentifier(arnOf("copy-src-1"))
                .targetDBSnapshotIdentifier("copy-src-1-dr").copyTags(true).sourceRegion("us-east-1")
                .tags(Tag.builder().key("drc:copy").value("true").build())).dbSnapshot();
        assertThat(pending.status()).isEqualTo("pending");
        assertThat(pending.percentProgress()).isZero();
        assertThat(pending.sourceRegion()).isEqualTo("us-east-1");
        assertThat(pending.sourceDBSnapshotIdentifier()).isEqualTo(arnOf("copy-src-1"));
        assertThatThrownBy(() -> west.copyDBSnapshot(r -> r.sourceDBSnapshotIdentifier(arnOf("copy-src-1"))
                .targetDBSnapshotIdentifier("copy-src-1-dr").sourceRegion("us-east-1")))
                .isInstanceOf(DbSnapshotAlreadyExistsException.class);

        advance(simulator, "rds.snapshot.copy");
        DBSnapshot copy = west.describeDBSnapshots(r -> r.dbSnapshotIdentifier("copy-src-1-dr")).dbSnapshots().get(0);
        assertThat(copy.status()).isEqualTo("available");
        assertThat(copy.originalSnapshotCreateTime()).isEqualTo(source.snapshotCreateTime());
        assertThat(copy.snapshotCreateTime()).isAfter(source.snapshotCreateTime());
        assertThat(copy.dbInstanceIdentifier()).isEqualTo("copy-src");
        assertThat(copy.tagList()).containsExactly(OWNER, Tag.builder().key("drc:copy").value("true").build());
    }

    @Test
    void copyKeyMustBeOfTheDestinationRegion() {
        availableInstance(simulator, east, "kms-src");
        availableSnapshot(simulator, east, "kms-src", "kms-src-1", r -> { });
        assertThatThrownBy(() -> west.copyDBSnapshot(r -> r.sourceDBSnapshotIdentifier(arnOf("kms-src-1"))
                .targetDBSnapshotIdentifier("kms-src-1-dr").sourceRegion("us-east-1")
                .kmsKeyId("arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab")))
                .isInstanceOfSatisfying(KmsKeyNotAccessibleException.class,
                        e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("KMSKeyNotAccessibleFault"));
        DBSnapshot encrypted = west.copyDBSnapshot(r -> r.sourceDBSnapshotIdentifier(arnOf("kms-src-1"))
                .targetDBSnapshotIdentifier("kms-src-1-dr").sourceRegion("us-east-1")
                .kmsKeyId("arn:aws:kms:us-west-2:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab")).dbSnapshot();
        assertThat(encrypted.encrypted()).isTrue();
    }

    @Test
    void twentyFirstConcurrentCopyIsRefusedUntilOneCompletes() {
        availableInstance(simulator, east, "many-src");
        availableSnapshot(simulator, east, "many-src", "many-src-1", r -> { });
        try (RdsClient frankfurt = clients.rds("eu-central-1")) {
            for (int n = 1; n <= 20; n++) {
                copyInto(frankfurt, "many-" + n);
                simulator.manualClock().advance(Duration.ofSeconds(1));
            }
            assertThatThrownBy(() -> copyInto(frankfurt, "many-21"))
                    .isInstanceOfSatisfying(SnapshotQuotaExceededException.class,
                            e -> assertThat(e.awsErrorDetails().errorMessage()).contains("20 concurrent snapshot copies"));

            simulator.manualClock().advance(RdsTestSupport.timing(simulator, "rds.snapshot.copy").minusSeconds(20));
            assertThat(copyInto(frankfurt, "many-21").status()).isEqualTo("pending");
            assertThatThrownBy(() -> copyInto(frankfurt, "many-22")).isInstanceOf(SnapshotQuotaExceededException.class);
        }
    }

    private static DBSnapshot copyInto(RdsClient destination, String target) {
        return destination.copyDBSnapshot(r -> r.sourceDBSnapshotIdentifier(arnOf("many-src-1"))
                .targetDBSnapshotIdentifier(target).sourceRegion("us-east-1")).dbSnapshot();
    }

    @Test
    void concurrentCopyLimitAndManualQuotaAreConfigurable() {
        availableInstance(simulator, east, "quota-src");
        availableSnapshot(simulator, east, "quota-src", "quota-src-1", r -> { });
        try (RdsClient ireland = clients.rds("eu-west-1")) {
            withState(simulator, "eu-west-1", s -> s.setConcurrentCopyLimit(1));
            ireland.copyDBSnapshot(r -> r.sourceDBSnapshotIdentifier(arnOf("quota-src-1")).targetDBSnapshotIdentifier("q-1"));
            assertThatThrownBy(() -> ireland.copyDBSnapshot(r -> r.sourceDBSnapshotIdentifier(arnOf("quota-src-1"))
                    .targetDBSnapshotIdentifier("q-2"))).isInstanceOf(SnapshotQuotaExceededException.class);

            withState(simulator, "us-east-1", s -> s.setManualSnapshotQuota(1));
            assertThatThrownBy(() -> east.createDBSnapshot(r -> r.dbInstanceIdentifier("quota-src")
                    .dbSnapshotIdentifier("over-quota"))).isInstanceOf(SnapshotQuotaExceededException.class);
            withState(simulator, "us-east-1", s -> s.setManualSnapshotQuota(RdsState.DEFAULT_MANUAL_SNAPSHOT_QUOTA));
        }
    }

    @Test
    void describeSnapshotsPagesWithMarker() {
        availableInstance(simulator, east, "paged-src");
        for (int n = 0; n < 25; n++) {
            int k = n;
            east.createDBSnapshot(r -> r.dbInstanceIdentifier("paged-src").dbSnapshotIdentifier("paged-" + k));
        }
        DescribeDbSnapshotsResponse first = east.describeDBSnapshots(r -> r.dbInstanceIdentifier("paged-src").maxRecords(20));
        assertThat(first.dbSnapshots()).hasSize(20);
        assertThat(first.marker()).isNotNull();
        DescribeDbSnapshotsResponse second = east.describeDBSnapshots(r -> r.dbInstanceIdentifier("paged-src")
                .maxRecords(20).marker(first.marker()));
        assertThat(second.dbSnapshots()).extracting(DBSnapshot::dbSnapshotIdentifier)
                .containsExactly("paged-20", "paged-21", "paged-22", "paged-23", "paged-24");
        assertThat(second.marker()).isNull();
        List<String> all = new ArrayList<>();
        east.describeDBSnapshotsPaginator(r -> r.filters(f -> f.name("db-instance-id").values("paged-src"))
                .snapshotType("manual").maxRecords(20)).dbSnapshots().forEach(s -> all.add(s.dbSnapshotIdentifier()));
        assertThat(all).hasSize(25);
        assertThat(east.describeDBSnapshots(r -> r.dbInstanceIdentifier("paged-src").snapshotType("automated"))
                .dbSnapshots()).isEmpty();
    }

    @Test
    void restoreMakesANewInstanceAndDeleteRemovesTheSnapshot() {
        availableInstance(simulator, east, "restore-src");
        availableSnapshot(simulator, east, "restore-src", "restore-src-1", r -> { });
        DBInstance restoring = east.restoreDBInstanceFromDBSnapshot(r -> r.dbInstanceIdentifier("restored")
                .dbSnapshotIdentifier("restore-src-1").dbInstanceClass("db.r6g.large").multiAZ(true).tags(OWNER))
                .dbInstance();
        assertThat(restoring.dbInstanceStatus()).isEqualTo("creating");
        advance(simulator, "rds.restore");
        DBInstance restored = east.describeDBInstances(r -> r.dbInstanceIdentifier("restored")).dbInstances().get(0);
        assertThat(restored.dbInstanceStatus()).isEqualTo("available");
        assertThat(restored.dbInstanceClass()).isEqualTo("db.r6g.large");
        assertThat(restored.tagList()).containsExactly(OWNER);

        assertThat(east.deleteDBSnapshot(r -> r.dbSnapshotIdentifier("restore-src-1")).dbSnapshot().status())
                .isEqualTo("deleted");
        assertThatThrownBy(() -> east.describeDBSnapshots(r -> r.dbSnapshotIdentifier("restore-src-1")))
                .isInstanceOfSatisfying(DbSnapshotNotFoundException.class, e -> assertThat(e.statusCode()).isEqualTo(404));
    }

    @Test
    void tagsAreAddedListedAndRemovedByArnUpToFifty() {
        availableInstance(simulator, east, "tagged");
        String arn = "arn:aws:rds:us-east-1:123456789012:db:tagged";
        east.addTagsToResource(r -> r.resourceName(arn).tags(OWNER, Tag.builder().key("tier").value("db").build()));
        east.removeTagsFromResource(r -> r.resourceName(arn).tagKeys("tier"));
        assertThat(east.listTagsForResource(r -> r.resourceName(arn)).tagList()).containsExactly(OWNER);

        List<Tag> fifty = new ArrayList<>();
        for (int n = 0; n < 50; n++) {
            fifty.add(Tag.builder().key("k" + n).value("v").build());
        }
        assertThatThrownBy(() -> east.addTagsToResource(r -> r.resourceName(arn).tags(fifty)))
                .hasMessageContaining("at most 50 tags");
        availableSnapshot(simulator, east, "tagged", "tagged-1", r -> { });
        east.addTagsToResource(r -> r.resourceName(arnOf("tagged-1")).tags(OWNER));
        assertThat(east.listTagsForResource(r -> r.resourceName(arnOf("tagged-1"))).tagList()).containsExactly(OWNER);
    }
}
