package io.drc.simulator.route53;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.drc.simulator.AwsCli;
import io.drc.simulator.Simulator;
import io.drc.simulator.SimulatorOptions;
import io.drc.simulator.core.ManualClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class Route53CliTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static Simulator simulator;

    @BeforeAll
    static void start() {
        simulator = Simulator.start(SimulatorOptions.defaults().withPort(0)
                .withClock(new ManualClock(Instant.parse("2026-01-01T00:00:00Z"))));
    }

    @AfterAll
    static void stop() {
        simulator.close();
    }

    @Test
    void cliCreatesZoneChangesRecordsListsThemAndFollowsTheChange() throws Exception {
        AwsCli cli = AwsCli.forSimulator(simulator);
        JsonNode created = JSON.readTree(cli.run("us-east-1", "route53", "create-hosted-zone", "--name", "cli.example.com",
                "--caller-reference", "cli-1", "--hosted-zone-config", "Comment=from the cli").assertOk().stdout());
        String zoneId = created.at("/HostedZone/Id").asText();
        assertThat(zoneId).startsWith("/hostedzone/Z");
        assertThat(created.at("/HostedZone/Config/Comment").asText()).isEqualTo("from the cli");
        assertThat(created.at("/ChangeInfo/Status").asText()).isEqualTo("PENDING");

        String batch = """
                {"Comment": "weights", "Changes": [
                  {"Action": "CREATE", "ResourceRecordSet": {"Name": "app.cli.example.com", "Type": "A", "SetIdentifier": "primary",
                   "Weight": 100, "TTL": 60, "ResourceRecords": [{"Value": "10.0.0.1"}]}},
                  {"Action": "CREATE", "ResourceRecordSet": {"Name": "app.cli.example.com", "Type": "A", "SetIdentifier": "dr",
                   "Weight": 0, "TTL": 60, "ResourceRecords": [{"Value": "10.1.0.1"}]}}]}""";
        JsonNode change = JSON.readTree(cli.run("us-east-1", "route53", "change-resource-record-sets", "--hosted-zone-id",
                zoneId, "--change-batch", batch).assertOk().stdout());
        String changeId = change.at("/ChangeInfo/Id").asText();
        assertThat(changeId).startsWith("/change/C");
        assertThat(change.at("/ChangeInfo/Status").asText()).isEqualTo("PENDING");

        JsonNode records = JSON.readTree(cli.run("us-east-1", "route53", "list-resource-record-sets", "--hosted-zone-id",
                zoneId).assertOk().stdout());
        assertThat(records.at("/ResourceRecordSets")).hasSize(4);
        assertThat(records.at("/ResourceRecordSets/2/Type").asText()).isEqualTo("A");
        assertThat(records.at("/ResourceRecordSets/2/SetIdentifier").asText()).isEqualTo("dr");
        assertThat(records.at("/ResourceRecordSets/3/Weight").asLong()).isEqualTo(100);

        simulator.manualClock().advance(Duration.ofSeconds(30));
        assertThat(JSON.readTree(cli.run("us-east-1", "route53", "get-change", "--id", changeId).assertOk().stdout())
                .at("/ChangeInfo/Status").asText()).isEqualTo("INSYNC");
    }

    @Test
    void cliSeesNoSuchHostedZoneAndInvalidChangeBatch() {
        AwsCli cli = AwsCli.forSimulator(simulator);
        AwsCli.Result missing = cli.run("us-east-1", "route53", "list-resource-record-sets", "--hosted-zone-id", "ZMISSING");
        assertThat(missing.exitCode()).isNotZero();
        assertThat(missing.stderr()).contains("NoSuchHostedZone").contains("No hosted zone found with ID: ZMISSING");

        cli.run("us-east-1", "route53", "create-hosted-zone", "--name", "bad.example.com", "--caller-reference", "bad-1")
                .assertOk();
        String zoneId = cli.run("us-east-1", "route53", "list-hosted-zones-by-name", "--dns-name", "bad.example.com",
                "--query", "HostedZones[0].Id", "--output", "text").assertOk().stdout().trim();
        AwsCli.Result invalid = cli.run("us-east-1", "route53", "change-resource-record-sets", "--hosted-zone-id", zoneId,
                "--change-batch", """
                        {"Changes": [{"Action": "DELETE", "ResourceRecordSet": {"Name": "gone.bad.example.com", "Type": "A",
                          "TTL": 60, "ResourceRecords": [{"Value": "10.0.0.1"}]}}]}""");
        assertThat(invalid.exitCode()).isNotZero();
        assertThat(invalid.stderr()).contains("InvalidChangeBatch")
                .contains("Tried to delete resource record set [name='gone.bad.example.com.', type='A'] but it was not found");
    }
}
