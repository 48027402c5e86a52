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
    void cliCreatesAHealthCheckSeesItsStatusTestsTheAnswerAndDeletesTheZone() throws Exception {
        AwsCli cli = AwsCli.forSimulator(simulator);
        JsonNode check = JSON.readTree(cli.run("us-east-1", "route53", "create-health-check", "--caller-reference",
                "cli-hc-1", "--health-check-config", "Type=HTTP,IPAddress=203.0.113.10,ResourcePath=/health")
                .assertOk().stdout());
        String checkId = check.at("/HealthCheck/Id").asText();
        assertThat(check.at("/HealthCheck/HealthCheckConfig/Port").asInt()).isEqualTo(80);
        assertThat(check.at("/Location").asText()).endsWith("/healthcheck/" + checkId);
        JsonNode status = JSON.readTree(cli.run("us-east-1", "route53", "get-health-check-status", "--health-check-id",
                checkId).assertOk().stdout());
        assertThat(status.at("/HealthCheckObservations/0/StatusReport/Status").asText()).startsWith("Success");

        String zoneId = JSON.readTree(cli.run("us-east-1", "route53", "create-hosted-zone", "--name", "hc.cli.example.com",
                "--caller-reference", "cli-hc-zone").assertOk().stdout()).at("/HostedZone/Id").asText();
        String batch = """
                {"Changes": [{"Action": "CREATE", "ResourceRecordSet": {"Name": "app.hc.cli.example.com", "Type": "A",
                  "SetIdentifier": "primary", "Weight": 100, "TTL": 60, "ResourceRecords": [{"Value": "203.0.113.10"}],
                  "HealthCheckId": "%s"}}]}""".formatted(checkId);
        cli.run("us-east-1", "route53", "change-resource-record-sets", "--hosted-zone-id", zoneId, "--change-batch", batch)
                .assertOk();
        JsonNode answer = JSON.readTree(cli.run("us-east-1", "route53", "test-dns-answer", "--hosted-zone-id", zoneId,
                "--record-name", "app.hc.cli.example.com", "--record-type", "A").assertOk().stdout());
        assertThat(answer.get("ResponseCode").asText()).isEqualTo("NOERROR");
        assertThat(answer.get("RecordData")).extracting(JsonNode::asText).containsExactly("203.0.113.10");

        AwsCli.Result notEmpty = cli.run("us-east-1", "route53", "delete-hosted-zone", "--id", zoneId);
        assertThat(notEmpty.stderr()).contains("HostedZoneNotEmpty");
        cli.run("us-east-1", "route53", "change-resource-record-sets", "--hosted-zone-id", zoneId, "--change-batch",
                batch.replace("CREATE", "DELETE")).assertOk();
        cli.run("us-east-1", "route53", "delete-hosted-zone", "--id", zoneId).assertOk();
        cli.run("us-east-1", "route53", "delete-health-check", "--health-check-id", checkId).assertOk();
        assertThat(cli.run("us-east-1", "route53", "get-health-check", "--health-check-id", checkId).stderr())
                .contains("NoSuchHealthCheck");
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
