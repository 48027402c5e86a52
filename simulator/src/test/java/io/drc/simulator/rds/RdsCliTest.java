package io.drc.simulator.rds;

import static io.drc.simulator.rds.RdsTestSupport.advance;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.drc.simulator.AwsCli;
import io.drc.simulator.Simulator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The AWS CLI as an independent client of the simulated RDS, across two regions. */
class RdsCliTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static Simulator simulator;
    private static AwsCli cli;

    @BeforeAll
    static void start() {
        simulator = RdsTestSupport.start();
        cli = AwsCli.forSimulator(simulator);
    }

    @AfterAll
    static void stop() {
        simulator.close();
    }

    private static JsonNode run(String region, String... args) throws Exception {
        return JSON.readTree(cli.run(region, args).assertOk().stdout());
    }

    @Test
    void cliCreatesReplicatesSnapshotsAndCopiesAcrossRegions() throws Exception {
        JsonNode created = run("us-east-1", "rds", "create-db-instance", "--db-instance-identifier", "cli-db",
                "--db-instance-class", "db.t3.micro", "--engine", "mysql", "--allocated-storage", "20",
                "--tags", "Key=app,Value=orders");
        assertThat(created.at("/DBInstance/DBInstanceStatus").asText()).isEqualTo("creating");
        advance(simulator, "rds.instance.create");
        JsonNode described = run("us-east-1", "rds", "describe-db-instances", "--db-instance-identifier", "cli-db");
        assertThat(described.at("/DBInstances/0/DBInstanceStatus").asText()).isEqualTo("available");
        assertThat(described.at("/DBInstances/0/TagList/0/Value").asText()).isEqualTo("orders");
        assertThat(described.at("/DBInstances/0/PendingModifiedValues").isObject()).isTrue();
        assertThat(described.at("/DBInstances/0/PendingModifiedValues")).isEmpty();
        assertThat(described.at("/DBInstances/0/StorageType").asText()).isEqualTo("gp3");
        assertThat(described.at("/DBInstances/0/PubliclyAccessible").isBoolean()).isTrue();

        JsonNode replica = run("us-west-2", "rds", "create-db-instance-read-replica", "--db-instance-identifier",
                "cli-db-dr", "--source-db-instance-identifier", "arn:aws:rds:us-east-1:123456789012:db:cli-db",
                "--source-region", "us-east-1");
        assertThat(replica.at("/DBInstance/ReadReplicaSourceDBInstanceIdentifier").asText())
                .isEqualTo("arn:aws:rds:us-east-1:123456789012:db:cli-db");
        advance(simulator, "rds.replica.create");
        assertThat(run("us-west-2", "rds", "describe-db-instances").at("/DBInstances/0/StatusInfos/0/Status").asText())
                .isEqualTo("replicating");

        JsonNode snapshot = run("us-east-1", "rds", "create-db-snapshot", "--db-instance-identifier", "cli-db",
                "--db-snapshot-identifier", "cli-db-1");
        assertThat(snapshot.at("/DBSnapshot/Status").asText()).isEqualTo("creating");
        advance(simulator, "rds.snapshot.create");
        JsonNode snapshots = run("us-east-1", "rds", "describe-db-snapshots", "--db-instance-identifier", "cli-db");
        assertThat(snapshots.at("/DBSnapshots/0/Status").asText()).isEqualTo("available");

        JsonNode copy = run("us-west-2", "rds", "copy-db-snapshot", "--source-db-snapshot-identifier",
                "arn:aws:rds:us-east-1:123456789012:snapshot:cli-db-1", "--target-db-snapshot-identifier",
                "cli-db-1-dr", "--source-region", "us-east-1");
        assertThat(copy.at("/DBSnapshot/Status").asText()).isEqualTo("pending");
        assertThat(copy.at("/DBSnapshot/SourceRegion").asText()).isEqualTo("us-east-1");
        advance(simulator, "rds.snapshot.copy");
        JsonNode copies = run("us-west-2", "rds", "describe-db-snapshots", "--snapshot-type", "manual");
        assertThat(copies.at("/DBSnapshots/0/DBSnapshotIdentifier").asText()).isEqualTo("cli-db-1-dr");
        assertThat(copies.at("/DBSnapshots/0/Status").asText()).isEqualTo("available");
        assertThat(copies.at("/DBSnapshots/0/OriginalSnapshotCreateTime").asText())
                .isEqualTo(snapshots.at("/DBSnapshots/0/SnapshotCreateTime").asText());
    }

    @Test
    void cliGetsDbInstanceNotFoundForUnknownIdentifier() {
        AwsCli.Result result = cli.run("us-east-1", "rds", "describe-db-instances", "--db-instance-identifier", "nope");
        assertThat(result.exitCode()).isNotZero();
        assertThat(result.stderr()).contains("DBInstanceNotFound").contains("DBInstance nope not found.");
    }

    @Test
    void cliListsNoDbClustersAndGetsDbClusterNotFound() throws Exception {
        assertThat(run("us-east-1", "rds", "describe-db-clusters").get("DBClusters")).isEmpty();
        AwsCli.Result result = cli.run("us-east-1", "rds", "describe-db-clusters", "--db-cluster-identifier", "nope");
        assertThat(result.exitCode()).isNotZero();
        assertThat(result.stderr()).contains("DBClusterNotFoundFault");
    }

    @Test
    void cliGetsDbSnapshotNotFoundForUnknownSnapshot() {
        AwsCli.Result result = cli.run("us-east-1", "rds", "describe-db-snapshots", "--db-snapshot-identifier", "nope");
        assertThat(result.exitCode()).isNotZero();
        assertThat(result.stderr()).contains("DBSnapshotNotFound");
    }
}
