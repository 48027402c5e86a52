package io.drc.controller.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class CheckCommandTest {
    @TempDir
    Path dir;

    static String baseConfig() throws IOException, URISyntaxException {
        return Files.readString(Path.of(Objects.requireNonNull(
                CheckCommandTest.class.getResource("/test-config.yml")).toURI()));
    }

    Path write(String yaml) throws IOException {
        Path file = Files.createTempFile(dir, "drc-", ".yml");
        Files.writeString(file, yaml);
        return file;
    }

    static Stream<Arguments> badConfigs() {
        return Stream.of(
                Arguments.of("rpoTargetSeconds: 900", "rpoTargetSeconds: 0",
                        "protect[0].rpoTargetSeconds: must be greater than 0"),
                Arguments.of("application: shop", "application: \"\"", "application: must not be empty"),
                Arguments.of("drRegion: us-west-2", "drRegion: us-east-1", "drRegion: must differ from primaryRegion"),
                Arguments.of("primaryRegion: us-east-1", "primaryRegion: us-east-7",
                        "primaryRegion: 'us-east-7' is not an AWS region"),
                Arguments.of("schedule: \"0 0/5 * * * ?\"", "schedule: \"0 0/5 * * *\"",
                        "protect[0].schedule: '0 0/5 * * *' is not a valid cron expression"),
                Arguments.of("defaultSchedule: \"0 0/15 * * * ?\"", "defaultSchedule: \"every 15 minutes\"",
                        "replication.defaultSchedule: 'every 15 minutes' is not a valid cron expression"),
                Arguments.of("token: viewer-token,", "token: viewer-token, tokenSha256: "
                        + "\"10a4c7c9fc5206d6f36dc6944a81bb6f4a3cb0e25014ae3b12e6c3e52712292a\",",
                        "auth.tokens[0]: has both token and tokenSha256"),
                Arguments.of("resourceId: vol-00000000000000001,", "resourceId: vol-00000000000000001, noReboot: true,",
                        "protect[1].noReboot: is not allowed for kind ebs-volume"),
                Arguments.of("resourceId: shop-db-replica,", "resourceId: shop-db-replica, schedule: \"0 0 * * * ?\",",
                        "protect[2].schedule: is not allowed for kind rds-replica"),
                Arguments.of("{id: data,", "{id: web,", "protect[1].id: 'web' is used by an earlier entry"),
                Arguments.of("    us-west-2:\n", "    eu-west-1:\n", "recovery.regions: has no entry for region us-west-2"),
                Arguments.of("rtoTargetSeconds: 1800", "rtoTargetSeconds: -5",
                        "strategy.rtoTargetSeconds: must be greater than 0"),
                Arguments.of("ebs: 20,", "ebs: 50,", "replication.maxConcurrentCopies.ebs: must be less than or equal to 20"),
                Arguments.of("measureInterval: 1h", "measureInterval: 0s",
                        "replication.measureInterval: must be greater than or equal to 1 MILLISECONDS"),
                Arguments.of("{name: web, standby: 0, fullLoad: 4, max: 8}", "{name: web, standby: 0, fullLoad: 9, max: 8}",
                        "recovery.regions.us-west-2.autoScalingGroups[0]: needs standby <= fullLoad <= max"),
                Arguments.of("endpoint: http://127.0.0.1:9", "endpoint: http://127.0.0.1:9\n  regions: "
                        + "{us-east-1: {services: {sqs: {endpoint: http://127.0.0.1:9}}}}",
                        "aws.regions.us-east-1.services.sqs: 'sqs' is not a service drc uses"),
                Arguments.of("type: pilot-light", "type: pilot-lite",
                        "known type ids = [backup-restore, multi-site, pilot-light, warm-standby]"),
                Arguments.of("kind: ebs-volume", "kind: ebs",
                        "unknown resource kind 'ebs': use one of ec2-instance, ebs-volume, rds-instance, rds-replica"),
                Arguments.of("ttl: 60}", "ttl: 60, weight: 5}", "Unrecognized field at: recovery.dns.weight"),
                Arguments.of("dnsSetIdentifier: primary", "dnsSetIdentifier: primary\n      normalWeight: 300",
                        "recovery.regions.us-east-1.normalWeight: 300 is outside Route 53's weights (fix: use a whole "
                                + "number from 0 to 255)"),
                Arguments.of("dnsSetIdentifier: primary", "dnsSetIdentifier: primary\n      normalWeight: 0",
                        "recovery.regions.us-east-1.normalWeight: every region's normal weight is 0"),
                Arguments.of("dnsSetIdentifier: dr", "dnsSetIdentifier: dr\n      normalWeight: 50",
                        "recovery.regions.us-west-2.normalWeight: the DR region of pilot-light serves no traffic "
                                + "until a failover"),
                Arguments.of("type: pilot-light", "type: multi-site",
                        "recovery.regions.us-west-2.normalWeight: multi-site needs the share of traffic this region "
                                + "serves normally, got null (fix: set normalWeight above 0 in both regions"),
                Arguments.of("type: pilot-light", "type: warm-standby",
                        "recovery.regions.us-west-2.autoScalingGroups: warm-standby keeps a scaled-down copy running in "
                                + "the DR region, but every group's standby is 0"),
                Arguments.of("{instanceId: shop-db-replica}", "{instanceId: shop-db-replica, instanceClass: r6g.large}",
                        "recovery.regions.us-west-2.database.instanceClass: 'r6g.large' is not an RDS DB instance class "
                                + "(fix: use the form db.<family>.<size>, e.g. db.r6g.large"),
                Arguments.of("ttl: 60}", "ttl: 60}\n  hooks: {freeze: {url: \"ftp://ops.internal/freeze\"}}",
                        "recovery.hooks.freeze.url: 'ftp://ops.internal/freeze' is not an http or https URL"),
                Arguments.of("ttl: 60}", "ttl: 60}\n  hooks: {unfreeze: {url: \"http://ops.internal/u\", timeout: 5m}}",
                        "recovery.hooks.unfreeze.timeout: 5 minutes is not between 1ms and 60s"),
                Arguments.of("ttl: 60}", "ttl: 60}\n  hooks: {freez: {url: \"http://ops.internal/f\"}}",
                        "Unrecognized field at: recovery.hooks.freez"));
    }

    @ParameterizedTest(name = "{2}")
    @MethodSource("badConfigs")
    void reportsTheFieldAndFailsTheCheck(String original, String replacement, String expected) throws Exception {
        String yaml = baseConfig();
        assertThat(yaml).contains(original);
        Path file = write(yaml.replace(original, replacement));

        InProcessDrc drc = InProcessDrc.create();
        assertThat(drc.exitCodeOf("check", file.toString())).isEqualTo(1);
        assertThat(drc.failureMessage()).contains(expected);
    }

    @Test
    void reportsEveryProblemAtOnceWithAHint() throws Exception {
        String yaml = baseConfig().replace("rpoTargetSeconds: 900", "rpoTargetSeconds: 0")
                .replace("drRegion: us-west-2", "drRegion: us-east-1")
                .replace("defaultSchedule: \"0 0/15 * * * ?\"", "defaultSchedule: nope");
        InProcessDrc drc = InProcessDrc.create();

        assertThat(drc.exitCodeOf("check", write(yaml).toString())).isEqualTo(1);
        assertThat(drc.failureMessage())
                .contains("protect[0].rpoTargetSeconds: must be greater than 0 (fix: ")
                .contains("drRegion: must differ")
                .contains("replication.defaultSchedule: 'nope'");
    }

    @Test
    void acceptsAValidConfigAndSummarisesIt() throws Exception {
        InProcessDrc drc = InProcessDrc.create();

        assertThat(drc.exitCodeOf("check", write(baseConfig()).toString())).isZero();
        assertThat(drc.output()).contains("config OK").contains("pilot-light").contains("3 protected resource(s)");
    }

    @Test
    void warnsWhenTheDaemonRunsInThePrimaryRegion() throws Exception {
        InProcessDrc drc = InProcessDrc.create();

        assertThat(drc.exitCodeOf("check", write(baseConfig() + "\ncluster: {region: us-east-1}\n").toString()))
                .isZero();
        assertThat(drc.output()).contains("config OK")
                .contains("warning: this daemon runs in us-east-1 (cluster.region), the primary region: if us-east-1 "
                        + "fails, drc fails with it. Run drc in the DR region us-west-2");
    }

    @Test
    void acceptsTheShippedConfigs() throws Exception {
        for (String name : new String[] {"demo.yml", "example-production.yml"}) {
            Path file = Path.of("..", "config", name);
            InProcessDrc drc = InProcessDrc.create();
            assertThat(drc.exitCodeOf("check", file.toString())).as(name + ": " + drc.failureMessage()).isZero();
            assertThat(drc.output()).as(name + " needs no placement advice").doesNotContain("warning:");
        }
    }

    @Test
    void aBrokenRunbookStopsCheckAndServerNamingFileStateAndReason() throws Exception {
        Path runbooks = Files.createDirectories(dir.resolve("runbooks"));
        Files.writeString(runbooks.resolve("pilot-light-failover.asl.json"), """
                {"StartAt": "Scale", "States": {
                  "Scale": {"Type": "Task", "Resource": "drc:autoscaling:teleport", "Next": "Flip"},
                  "Flip": {"Type": "Task", "Resource": "drc:route53:setWeights", "Next": "Nowhere"}}}""");
        String yaml = baseConfig().replace("runbooks: src/test/resources/test-runbooks", "runbooks: " + runbooks);

        for (String command : new String[] {"check", "server"}) {
            InProcessDrc drc = InProcessDrc.create();
            assertThat(drc.exitCodeOf(command, write(yaml).toString())).as(command).isEqualTo(1);
            assertThat(drc.failureMessage())
                    .contains("engine.runbooks: " + runbooks.resolve("pilot-light-failover.asl.json")
                            + ": state 'Scale': Resource 'drc:autoscaling:teleport' is not a known step handler")
                    .contains("state 'Flip': goes to 'Nowhere', which is not a state of this runbook")
                    .doesNotContain("pilot-light-failback"); // missing here: the packaged copy is used, and valid
        }
    }

    @Test
    void serverRefusesToStartNamingEveryProblem() throws Exception {
        String yaml = baseConfig().replace("rpoTargetSeconds: 600", "rpoTargetSeconds: 0")
                .replace("primaryRegion: us-east-1", "primaryRegion: mars-1");
        InProcessDrc drc = InProcessDrc.create();

        assertThat(drc.exitCodeOf("server", write(yaml).toString())).isEqualTo(1);
        assertThat(drc.failureMessage())
                .contains("protect[1].rpoTargetSeconds: must be greater than 0")
                .contains("primaryRegion: 'mars-1' is not an AWS region")
                .contains("recovery.regions: has no entry for region mars-1");
    }
}
