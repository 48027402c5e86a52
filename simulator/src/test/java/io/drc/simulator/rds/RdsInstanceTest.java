package io.drc.simulator.rds;

import static io.drc.simulator.rds.RdsTestSupport.advance;
import static io.drc.simulator.rds.RdsTestSupport.availableInstance;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.drc.simulator.Simulator;
import io.drc.simulator.TestClients;
import io.drc.simulator.core.FaultRule;
import io.drc.simulator.core.Journal;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.rds.RdsClient;
import software.amazon.awssdk.services.rds.model.DBInstance;
import software.amazon.awssdk.services.rds.model.DbInstanceAlreadyExistsException;
import software.amazon.awssdk.services.rds.model.DbInstanceNotFoundException;
import software.amazon.awssdk.services.rds.model.InvalidDbInstanceStateException;
import software.amazon.awssdk.services.rds.model.Tag;

class RdsInstanceTest {
    private static Simulator simulator;
    private static RdsClient east;

    @BeforeAll
    static void start() {
        simulator = RdsTestSupport.start();
        east = new TestClients(simulator).rds("us-east-1");
    }

    @AfterAll
    static void stop() {
        east.close();
        simulator.close();
    }

    @Test
    void createdInstanceIsCreatingThenAvailableWithEndpointAndTags() {
        DBInstance created = east.createDBInstance(r -> r.dbInstanceIdentifier("Orders-DB").dbInstanceClass("db.r6g.large")
                .engine("postgres").allocatedStorage(100).multiAZ(true).storageEncrypted(true)
                .tags(Tag.builder().key("app").value("orders").build())).dbInstance();
        assertThat(created.dbInstanceIdentifier()).isEqualTo("orders-db");
        assertThat(created.dbInstanceStatus()).isEqualTo("creating");
        assertThat(created.endpoint()).isNull();

        advance(simulator, "rds.instance.create");
        DBInstance ready = east.describeDBInstances(r -> r.dbInstanceIdentifier("orders-db")).dbInstances().get(0);
        assertThat(ready.dbInstanceStatus()).isEqualTo("available");
        assertThat(ready.endpoint().address()).startsWith("orders-db.").endsWith(".us-east-1.rds.amazonaws.com");
        assertThat(ready.endpoint().port()).isEqualTo(5432);
        assertThat(ready.multiAZ()).isTrue();
        assertThat(ready.storageEncrypted()).isTrue();
        assertThat(ready.kmsKeyId()).startsWith("arn:aws:kms:us-east-1:");
        assertThat(ready.dbInstanceArn()).isEqualTo("arn:aws:rds:us-east-1:123456789012:db:orders-db");
        assertThat(ready.tagList()).containsExactly(Tag.builder().key("app").value("orders").build());
        assertThat(ready.readReplicaSourceDBInstanceIdentifier()).isNull();
        assertThat(ready.statusInfos()).isEmpty();
    }

    @Test
    void describeShowsTheFieldsRdsAlwaysShowsWithItsDefaults() {
        availableInstance(simulator, east, "defaults-db");
        DBInstance db = east.describeDBInstances(r -> r.dbInstanceIdentifier("defaults-db")).dbInstances().get(0);
        assertThat(db.storageType()).isEqualTo("gp3");
        assertThat(db.iops()).isEqualTo(3000);
        assertThat(db.publiclyAccessible()).isFalse();
        assertThat(db.backupRetentionPeriod()).isEqualTo(1);
        assertThat(db.pendingModifiedValues()).as("present and empty")
                .isEqualTo(software.amazon.awssdk.services.rds.model.PendingModifiedValues.builder().build());
        assertThat(db.preferredBackupWindow()).matches("\\d\\d:\\d\\d-\\d\\d:\\d\\d");
        assertThat(db.preferredMaintenanceWindow()).matches("[a-z]{3}:\\d\\d:\\d\\d-[a-z]{3}:\\d\\d:\\d\\d");
        assertThat(db.dbParameterGroups()).singleElement()
                .satisfies(g -> assertThat(g.dbParameterGroupName()).isEqualTo("default.mysql8.0"));
        assertThat(db.vpcSecurityGroups()).singleElement()
                .satisfies(g -> assertThat(g.vpcSecurityGroupId()).startsWith("sg-"));
        assertThat(db.dbSubnetGroup().subnets()).hasSize(3);
        assertThat(db.licenseModel()).isEqualTo("general-public-license");
        assertThat(db.deletionProtection()).isFalse();
        assertThat(db.autoMinorVersionUpgrade()).isTrue();
        east.modifyDBInstance(r -> r.dbInstanceIdentifier("defaults-db").dbInstanceClass("db.t3.small"));
        assertThat(east.describeDBInstances(r -> r.dbInstanceIdentifier("defaults-db")).dbInstances().get(0)
                .pendingModifiedValues().dbInstanceClass()).isEqualTo("db.t3.small");
    }

    @Test
    void theAccountHasNoDbClusters() {
        assertThat(east.describeDBClusters().dbClusters()).isEmpty();
        assertThat(east.describeDBClusters(r -> r.filters(f -> f.name("engine").values("aurora-postgresql")))
                .dbClusters()).isEmpty();
        assertThatThrownBy(() -> east.describeDBClusters(r -> r.dbClusterIdentifier("orders")))
                .isInstanceOfSatisfying(AwsServiceException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(404);
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("DBClusterNotFoundFault");
                });
        assertThatThrownBy(() -> east.describeDBClusters(r -> r.maxRecords(5)))
                .isInstanceOfSatisfying(AwsServiceException.class,
                        e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidParameterValue"));
    }

    @Test
    void deletionProtectionRefusesTheDelete() {
        east.createDBInstance(r -> r.dbInstanceIdentifier("protected-db").dbInstanceClass("db.t3.micro")
                .engine("postgres").storageType("gp2").deletionProtection(true).backupRetentionPeriod(0));
        advance(simulator, "rds.instance.create");
        DBInstance db = east.describeDBInstances(r -> r.dbInstanceIdentifier("protected-db")).dbInstances().get(0);
        assertThat(db.storageType()).isEqualTo("gp2");
        assertThat(db.iops()).isNull();
        assertThat(db.backupRetentionPeriod()).isZero();
        assertThatThrownBy(() -> east.deleteDBInstance(r -> r.dbInstanceIdentifier("protected-db")
                .skipFinalSnapshot(true))).isInstanceOfSatisfying(AwsServiceException.class,
                        e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidParameterCombination"));
    }

    @Test
    void unknownInstanceIsDbInstanceNotFound404() {
        assertThatThrownBy(() -> east.describeDBInstances(r -> r.dbInstanceIdentifier("no-such-db")))
                .isInstanceOfSatisfying(DbInstanceNotFoundException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(404);
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("DBInstanceNotFound");
                    assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("DBInstance no-such-db not found.");
                });
    }

    @Test
    void throttledCallIsRetriedBySdk() {
        simulator.journal().clear();
        simulator.faults().add(new FaultRule(null, FaultRule.Kind.THROTTLE, "us-east-1", "rds", null, 1.0, null, 1));
        assertThat(east.describeDBInstances(r -> r.filters(f -> f.name("engine").values("oracle-ee"))).dbInstances())
                .isEmpty();
        assertThat(simulator.journal().since(0)).extracting(Journal.Call::errorCode)
                .containsExactly("ThrottlingException", null);
    }

    @Test
    void sameIdentifierTwiceIsAlreadyExists() {
        availableInstance(simulator, east, "twice-db");
        assertThatThrownBy(() -> availableInstance(simulator, east, "TWICE-db"))
                .isInstanceOf(DbInstanceAlreadyExistsException.class);
    }

    @Test
    void missingAndInvalidParametersAreRejected() {
        assertThatThrownBy(() -> east.createDBInstance(r -> r.dbInstanceIdentifier("no-class").engine("mysql")))
                .isInstanceOfSatisfying(AwsServiceException.class,
                        e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("MissingParameter"));
        assertThatThrownBy(() -> east.createDBInstance(r -> r.dbInstanceIdentifier("1-bad--id").engine("mysql")
                .dbInstanceClass("db.t3.micro")))
                .isInstanceOfSatisfying(AwsServiceException.class,
                        e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidParameterValue"));
    }

    @Test
    void describeFindsByArnAndFilterAndPages() {
        for (int n = 0; n < 22; n++) {
            int k = n;
            east.createDBInstance(r -> r.dbInstanceIdentifier("page-db-" + k).dbInstanceClass("db.t3.micro")
                    .engine("mariadb").allocatedStorage(20));
        }
        assertThat(east.describeDBInstances(r -> r.dbInstanceIdentifier(
                "arn:aws:rds:us-east-1:123456789012:db:page-db-3")).dbInstances())
                .extracting(DBInstance::dbInstanceIdentifier).containsExactly("page-db-3");
        assertThat(east.describeDBInstances(r -> r.filters(f -> f.name("db-instance-id").values("page-db-1", "page-db-2")))
                .dbInstances()).extracting(DBInstance::dbInstanceIdentifier).containsExactly("page-db-1", "page-db-2");
        var first = east.describeDBInstances(r -> r.filters(f -> f.name("engine").values("mariadb")).maxRecords(20));
        assertThat(first.dbInstances()).hasSize(20);
        var second = east.describeDBInstances(r -> r.filters(f -> f.name("engine").values("mariadb")).maxRecords(20)
                .marker(first.marker()));
        assertThat(second.dbInstances()).extracting(DBInstance::dbInstanceIdentifier)
                .containsExactly("page-db-20", "page-db-21");
        assertThat(second.marker()).isNull();
        assertThat(east.describeDBInstancesPaginator(r -> r.filters(f -> f.name("engine").values("mariadb"))
                .maxRecords(20)).dbInstances()).hasSize(22);
    }

    @Test
    void modifyAppliedImmediatelyGoesThroughModifying() {
        availableInstance(simulator, east, "resize-db");
        DBInstance modifying = east.modifyDBInstance(r -> r.dbInstanceIdentifier("resize-db")
                .dbInstanceClass("db.r6g.xlarge").multiAZ(true).applyImmediately(true)).dbInstance();
        assertThat(modifying.dbInstanceStatus()).isEqualTo("modifying");
        assertThat(modifying.pendingModifiedValues().dbInstanceClass()).isEqualTo("db.r6g.xlarge");
        assertThat(modifying.dbInstanceClass()).isEqualTo("db.t3.micro");
        assertThatThrownBy(() -> east.rebootDBInstance(r -> r.dbInstanceIdentifier("resize-db")))
                .isInstanceOf(InvalidDbInstanceStateException.class);
        assertThatThrownBy(() -> east.modifyDBInstance(r -> r.dbInstanceIdentifier("resize-db").multiAZ(false)
                .applyImmediately(true))).as("one modification at a time").isInstanceOf(InvalidDbInstanceStateException.class);

        advance(simulator, "rds.modify");
        DBInstance done = east.describeDBInstances(r -> r.dbInstanceIdentifier("resize-db")).dbInstances().get(0);
        assertThat(done.dbInstanceStatus()).isEqualTo("available");
        assertThat(done.dbInstanceClass()).isEqualTo("db.r6g.xlarge");
        assertThat(done.multiAZ()).isTrue();
        assertThat(done.pendingModifiedValues()).as("nothing pending: present and empty")
                .isEqualTo(software.amazon.awssdk.services.rds.model.PendingModifiedValues.builder().build());
    }

    @Test
    void rebootGoesThroughRebooting() {
        availableInstance(simulator, east, "reboot-db");
        assertThat(east.rebootDBInstance(r -> r.dbInstanceIdentifier("reboot-db")).dbInstance().dbInstanceStatus())
                .isEqualTo("rebooting");
        advance(simulator, "rds.reboot");
        assertThat(east.describeDBInstances(r -> r.dbInstanceIdentifier("reboot-db")).dbInstances().get(0)
                .dbInstanceStatus()).isEqualTo("available");
    }

    @Test
    void deleteNeedsFinalSnapshotOrSkipThenInstanceIsGone() {
        availableInstance(simulator, east, "gone-db");
        assertThatThrownBy(() -> east.deleteDBInstance(r -> r.dbInstanceIdentifier("gone-db")))
                .isInstanceOfSatisfying(AwsServiceException.class,
                        e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidParameterCombination"));
        DBInstance deleting = east.deleteDBInstance(r -> r.dbInstanceIdentifier("gone-db")
                .finalDBSnapshotIdentifier("gone-db-final")).dbInstance();
        assertThat(deleting.dbInstanceStatus()).isEqualTo("deleting");
        assertThat(east.describeDBSnapshots(r -> r.dbSnapshotIdentifier("gone-db-final")).dbSnapshots().get(0)
                .dbInstanceIdentifier()).isEqualTo("gone-db");

        advance(simulator, "rds.delete");
        assertThatThrownBy(() -> east.describeDBInstances(r -> r.dbInstanceIdentifier("gone-db")))
                .isInstanceOf(DbInstanceNotFoundException.class);
    }
}
