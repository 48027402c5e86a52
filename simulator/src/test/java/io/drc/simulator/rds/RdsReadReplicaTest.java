package io.drc.simulator.rds;

import static io.drc.simulator.rds.RdsTestSupport.advance;
import static io.drc.simulator.rds.RdsTestSupport.availableInstance;
import static io.drc.simulator.rds.RdsTestSupport.replicaLag;
import static io.drc.simulator.rds.RdsTestSupport.withState;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.drc.simulator.Simulator;
import io.drc.simulator.TestClients;
import io.drc.simulator.core.FaultRule;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.rds.RdsClient;
import software.amazon.awssdk.services.rds.model.DBInstance;
import software.amazon.awssdk.services.rds.model.DBInstanceStatusInfo;
import software.amazon.awssdk.services.rds.model.InvalidDbInstanceStateException;
import software.amazon.awssdk.services.rds.model.KmsKeyNotAccessibleException;

class RdsReadReplicaTest {
    private static final String SOURCE_ARN_PREFIX = "arn:aws:rds:us-east-1:123456789012:db:";

    private static Simulator simulator;
    private static RdsClient east;
    private static RdsClient west;

    @BeforeAll
    static void start() {
        simulator = RdsTestSupport.start();
        TestClients clients = new TestClients(simulator);
        east = clients.rds("us-east-1");
        west = clients.rds("us-west-2");
    }

    @AfterAll
    static void stop() {
        east.close();
        west.close();
        simulator.close();
    }

    @AfterEach
    void clearFaults() {
        simulator.faults().clear();
    }

    private static DBInstance crossRegionReplica(String source, String replica) {
        availableInstance(simulator, east, source);
        return west.createDBInstanceReadReplica(r -> r.dbInstanceIdentifier(replica)
                .sourceDBInstanceIdentifier(SOURCE_ARN_PREFIX + source).sourceRegion("us-east-1")).dbInstance();
    }

    private static DBInstance describe(RdsClient rds, String id) {
        return rds.describeDBInstances(r -> r.dbInstanceIdentifier(id)).dbInstances().get(0);
    }

    @Test
    void crossRegionReplicaBecomesAvailableReplicatingWithSmallLag() {
        DBInstance creating = crossRegionReplica("orders", "orders-dr");
        assertThat(creating.dbInstanceStatus()).isEqualTo("creating");
        assertThat(creating.readReplicaSourceDBInstanceIdentifier()).isEqualTo(SOURCE_ARN_PREFIX + "orders");
        assertThat(replicaLag(simulator, "us-west-2", "orders-dr")).isEmpty();
        assertThat(simulator.journal().select(c -> c.action().equals("CreateDBInstanceReadReplica")).get(0).params())
                .containsKey("PreSignedUrl").doesNotContainKey("SourceRegion");

        advance(simulator, "rds.replica.create");
        DBInstance replica = describe(west, "orders-dr");
        assertThat(replica.dbInstanceStatus()).isEqualTo("available");
        assertThat(replica.engine()).isEqualTo("mysql");
        assertThat(replica.statusInfos()).containsExactly(DBInstanceStatusInfo.builder()
                .statusType("read replication").normal(true).status("replicating").build());
        assertThat(describe(east, "orders").readReplicaDBInstanceIdentifiers())
                .containsExactly("arn:aws:rds:us-west-2:123456789012:db:orders-dr");
        assertThat(replicaLag(simulator, "us-west-2", "orders-dr")).hasValueSatisfying(
                lag -> assertThat(lag).isBetween(0.0, 5.0));
        assertThat(replicaLag(simulator, "us-east-1", "orders")).isEmpty();
    }

    @Test
    void lagCanBeSetAndReplicationBroken() {
        crossRegionReplica("lagging", "lagging-dr");
        advance(simulator, "rds.replica.create");

        withState(simulator, "us-west-2", s -> s.setReplicaLag("lagging-dr", 42));
        assertThat(replicaLag(simulator, "us-west-2", "lagging-dr")).contains(42.0);

        withState(simulator, "us-west-2", s -> s.breakReplication("lagging-dr"));
        assertThat(replicaLag(simulator, "us-west-2", "lagging-dr")).contains(-1.0);
        assertThat(describe(west, "lagging-dr").statusInfos()).singleElement().satisfies(info -> {
            assertThat(info.status()).isEqualTo("error");
            assertThat(info.normal()).isFalse();
        });

        withState(simulator, "us-west-2", s -> s.resumeReplication("lagging-dr"));
        assertThat(replicaLag(simulator, "us-west-2", "lagging-dr")).hasValueSatisfying(
                lag -> assertThat(lag).isBetween(0.0, 5.0));
    }

    @Test
    void promotionAnswersModifyingWithSourceThenStandsAlone() {
        crossRegionReplica("promo", "promo-dr");
        advance(simulator, "rds.replica.create");

        assertThat(describe(west, "promo-dr").backupRetentionPeriod()).as("a replica keeps no backups").isZero();
        DBInstance promoting = west.promoteReadReplica(r -> r.dbInstanceIdentifier("promo-dr")
                .backupRetentionPeriod(7).preferredBackupWindow("01:00-01:30")).dbInstance();
        assertThat(promoting.dbInstanceStatus()).isEqualTo("modifying");
        assertThat(promoting.readReplicaSourceDBInstanceIdentifier()).isEqualTo(SOURCE_ARN_PREFIX + "promo");

        advance(simulator, "rds.promote");
        DBInstance promoted = describe(west, "promo-dr");
        assertThat(promoted.dbInstanceStatus()).isEqualTo("available");
        assertThat(promoted.readReplicaSourceDBInstanceIdentifier()).isNull();
        assertThat(promoted.statusInfos()).isEmpty();
        assertThat(promoted.backupRetentionPeriod()).isEqualTo(7);
        assertThat(promoted.preferredBackupWindow()).isEqualTo("01:00-01:30");
        assertThat(describe(east, "promo").readReplicaDBInstanceIdentifiers()).isEmpty();
        assertThat(replicaLag(simulator, "us-west-2", "promo-dr")).isEmpty();
    }

    @Test
    void aLostPromotionIsAnsweredAsUsualThenTheReplicaIsBackAsItWasAndCanBePromotedAgain() {
        crossRegionReplica("lost", "lost-dr");
        advance(simulator, "rds.replica.create");
        simulator.faults().add(new FaultRule(null, FaultRule.Kind.LOSE, "us-west-2", "rds", "PromoteReadReplica",
                null, null, 1));

        assertThat(west.promoteReadReplica(r -> r.dbInstanceIdentifier("lost-dr")).dbInstance().dbInstanceStatus())
                .as("accepted as usual").isEqualTo("modifying");
        advance(simulator, "rds.promote");
        DBInstance lost = describe(west, "lost-dr");
        assertThat(lost.dbInstanceStatus()).isEqualTo("available");
        assertThat(lost.readReplicaSourceDBInstanceIdentifier()).as("still a replica").isEqualTo(SOURCE_ARN_PREFIX + "lost");
        assertThat(describe(east, "lost").readReplicaDBInstanceIdentifiers()).hasSize(1);

        west.promoteReadReplica(r -> r.dbInstanceIdentifier("lost-dr")); // the fault was used up
        advance(simulator, "rds.promote");
        assertThat(describe(west, "lost-dr").readReplicaSourceDBInstanceIdentifier()).isNull();
    }

    @Test
    void aLoseFaultNamesTheCallWhoseChangeIsLost() {
        assertThatThrownBy(() -> new FaultRule(null, FaultRule.Kind.LOSE, null, "rds", null, null, null, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'action'");
    }

    @Test
    void promotionWithoutABackupRetentionPeriodKeepsOneDayAndRefusesMoreThan35() {
        crossRegionReplica("promo-default", "promo-default-dr");
        advance(simulator, "rds.replica.create");
        assertThatThrownBy(() -> west.promoteReadReplica(r -> r.dbInstanceIdentifier("promo-default-dr")
                .backupRetentionPeriod(36))).isInstanceOfSatisfying(AwsServiceException.class,
                        e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidParameterValue"));
        west.promoteReadReplica(r -> r.dbInstanceIdentifier("promo-default-dr"));
        advance(simulator, "rds.promote");
        assertThat(describe(west, "promo-default-dr").backupRetentionPeriod()).isEqualTo(1);
    }

    @Test
    void promotingAStandaloneInstanceIsInvalidState() {
        availableInstance(simulator, west, "standalone");
        assertThatThrownBy(() -> west.promoteReadReplica(r -> r.dbInstanceIdentifier("standalone")))
                .isInstanceOfSatisfying(InvalidDbInstanceStateException.class,
                        e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidDBInstanceState"));
    }

    @Test
    void replicaStaysReadableAndPromotableWhileSourceRegionIsDown() {
        crossRegionReplica("doomed", "doomed-dr");
        advance(simulator, "rds.replica.create");
        simulator.faults().add(FaultRule.regionDown("us-east-1"));

        assertThatThrownBy(() -> describe(east, "doomed")).isInstanceOf(SdkClientException.class);
        assertThat(describe(west, "doomed-dr").dbInstanceStatus()).isEqualTo("available");
        assertThat(west.promoteReadReplica(r -> r.dbInstanceIdentifier("doomed-dr")).dbInstance().dbInstanceStatus())
                .isEqualTo("modifying");
        simulator.manualClock().advance(RdsTestSupport.timing(simulator, "rds.promote").plus(Duration.ofSeconds(1)));
        assertThat(describe(west, "doomed-dr").readReplicaSourceDBInstanceIdentifier()).isNull();
    }

    @Test
    void sameRegionReplicaIsNamedByIdentifier() {
        availableInstance(simulator, east, "local-src");
        east.createDBInstanceReadReplica(r -> r.dbInstanceIdentifier("local-rr").sourceDBInstanceIdentifier("local-src")
                .dbInstanceClass("db.r6g.large"));
        advance(simulator, "rds.replica.create");
        DBInstance replica = describe(east, "local-rr");
        assertThat(replica.readReplicaSourceDBInstanceIdentifier()).isEqualTo("local-src");
        assertThat(replica.dbInstanceClass()).isEqualTo("db.r6g.large");
        assertThat(describe(east, "local-src").readReplicaDBInstanceIdentifiers()).containsExactly("local-rr");
    }

    @Test
    void replicaKeyMustBeOfTheDestinationRegion() {
        availableInstance(simulator, east, "secret-src");
        assertThatThrownBy(() -> west.createDBInstanceReadReplica(r -> r.dbInstanceIdentifier("secret-dr")
                .sourceDBInstanceIdentifier(SOURCE_ARN_PREFIX + "secret-src").sourceRegion("us-east-1")
                .kmsKeyId("arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab")))
                .isInstanceOf(KmsKeyNotAccessibleException.class);
    }

    @Test
    void deletingTheSourceStopsReplication() {
        crossRegionReplica("short-lived", "short-lived-dr");
        advance(simulator, "rds.replica.create");
        east.deleteDBInstance(r -> r.dbInstanceIdentifier("short-lived").skipFinalSnapshot(true));
        advance(simulator, "rds.delete");
        assertThat(replicaLag(simulator, "us-west-2", "short-lived-dr")).contains(-1.0);
        assertThat(describe(west, "short-lived-dr").statusInfos()).extracting(DBInstanceStatusInfo::status)
                .containsExactly("terminated");
    }
}
