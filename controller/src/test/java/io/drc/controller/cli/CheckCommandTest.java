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
import org.junit.jupiter.params.provider.CsvSource;
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
                Arguments.of("token: test-viewer-token,", "token: test-viewer-token, tokenSha256: "
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
                        "Unrecognized field at: recovery.hooks.freez"),
                // drills: their DNS record is never production's, and lies in its zone; the smoke check is HTTP
                Arguments.of("logging:", "drills: {dns: {recordName: Shop.Example.com}}\nlogging:",
                        "drills.dns.recordName: 'Shop.Example.com' is production's record (recovery.dns.recordName): a "
                                + "drill never touches it (fix: name a record of the drill's own, e.g. "
                                + "drill.shop.example.com.)"),
                Arguments.of("logging:", "drills: {dns: {recordName: drill.shop.example.org.}}\nlogging:",
                        "drills.dns.recordName: 'drill.shop.example.org.' cannot be in the hosted zone of recovery.dns"),
                Arguments.of("logging:", "drills: {dns: {recordName: \"drill..shop.example.com.\"}}\nlogging:",
                        "drills.dns.recordName: 'drill..shop.example.com.' is not a DNS name"),
                Arguments.of("logging:", "drills: {dns: {}}\nlogging:", "drills.dns.recordName: must not be empty"),
                Arguments.of("logging:", "drills: {smokeCheck: {url: \"ftp://{drillHost}/health\"}}\nlogging:",
                        "drills.smokeCheck.url: 'ftp://{drillHost}/health' is not an http(s) URL with a host"),
                Arguments.of("logging:", "drills: {smokeCheck: {url: \"https://{drillHost}/\", expectStatus: 2000}}"
                        + "\nlogging:", "drills.smokeCheck.expectStatus: must be less than or equal to 599"),
                // guard rails: what fuzzing the configuration found
                Arguments.of("  pollInterval: 20ms", "  pollInterval: 20ms\n  runbooks: elsewhere",
                        "engine.runbooks: is given twice (the second at line 49)"),
                Arguments.of("ttl: 60}", "ttl: 60}\n  dns: {hostedZoneId: Z2, recordName: shop.example.com., ttl: 60}",
                        "recovery.dns: is given twice (the second at line 22) (fix: keep one"),
                Arguments.of("{name: viewer, token: test-viewer-token, role: viewer}",
                        "{name: viewer, token: test-viewer-token, role: viewer, name: spare}",
                        "auth.tokens[0].name: is given twice"),
                Arguments.of("token: \"${DRC_TEST_TOKEN:-test-operator-token}\"", "token: test-viewer-token",
                        "auth.tokens[1].token: is the same token as auth.tokens[0]"),
                Arguments.of("tokenSha256: \"10a4c7c9fc5206d6f36dc6944a81bb6f4a3cb0e25014ae3b12e6c3e52712292a\"",
                        "tokenSha256: \"04AFACC947B28C94E15578A9DB68C1D1BF775B3FF82BC88E31D4465F26BC0B42\"",
                        "auth.tokens[2].tokenSha256: is the same token as auth.tokens[0]"),
                Arguments.of("token: test-viewer-token,", "token: viewer-token,",
                        "auth.tokens[0].token: is 12 characters long, shorter than 16"),
                Arguments.of("pollInterval: 20ms", "pollInterval: 0ms",
                        "engine.pollInterval: must be greater than or equal to 1 MILLISECONDS"),
                Arguments.of("pollInterval: 20ms", "pollInterval: 20ms\n  lease: 0s",
                        "engine.lease: must be greater than or equal to 1 SECONDS"),
                Arguments.of("pollInterval: 20ms", "pollInterval: -1s", "engine.pollInterval"),
                Arguments.of("measureInterval: 1h", "measureInterval: 1h\n  lease: 0m",
                        "replication.lease: must be greater than or equal to 1 SECONDS"),
                Arguments.of("measureInterval: 1h", "measureInterval: 1h\n  tickInterval: 0s",
                        "replication.tickInterval: must be greater than or equal to 1 MILLISECONDS"),
                Arguments.of("defaultRetention: {keepLast: 7}", "defaultRetention: {keepLast: 7, maxAge: 0d}",
                        "replication.defaultRetention.maxAge: must be greater than or equal to 1 SECONDS"),
                Arguments.of("adminConnectors: [{type: http, port: 0, bindHost: 127.0.0.1}]",
                        "adminConnectors: [{type: http, port: 0}]",
                        "server.adminConnectors[0].bindHost: has no bindHost, so it listens on every interface"),
                Arguments.of("adminConnectors: [{type: http, port: 0, bindHost: 127.0.0.1}]",
                        "adminConnectors: [{type: http, port: 0, bindHost: 127.0.0.1}, {type: http, port: 0, "
                                + "bindHost: 10.0.0.5}]",
                        "server.adminConnectors[1].bindHost: binds 10.0.0.5, which is not a loopback address"),
                Arguments.of("{name: web, standby: 0, fullLoad: 4, max: 8}", "{name: web, fullLoad: 4, max: 8}",
                        "recovery.regions.us-west-2.autoScalingGroups[0].standby: must not be null"),
                Arguments.of("{name: web, standby: 0, fullLoad: 4, max: 8}", "{name: web, standby: 0, fullLoad: 4}",
                        "recovery.regions.us-west-2.autoScalingGroups[0].max: must not be null"),
                // the runbook input lacks what the runbook reads: named with the config paths the input comes from
                Arguments.of("      database: {instanceId: shop-db-replica}\n", "",
                        "state 'PromoteDatabase': Parameters 'dbInstanceId.$': path '$.target.db.instanceId' does not "
                                + "exist in the state input (the runbook input), and no state before this one writes it "
                                + "with its ResultPath (with the failover input built from the configuration) (fix: the "
                                + "input's source and target are recovery.regions.us-east-1 and recovery.regions.us-west-2"));
    }

    /** Each a deliberate exception to a rule above: pairs of original text and its replacement. */
    static Stream<Arguments> acceptedConfigs() {
        String admin = "adminConnectors: [{type: http, port: 0, bindHost: 127.0.0.1}]";
        return Stream.of(
                Arguments.of((Object) new String[] {admin, "adminConnectors: [{type: http, port: 0, bindHost: 0.0.0.0}]",
                        "logging:", "allowPublicAdmin: true\nlogging:"}),
                Arguments.of((Object) new String[] {admin, "adminConnectors: [{type: http, port: 0, bindHost: \"::1\"}]"}),
                Arguments.of((Object) new String[] {admin, "adminConnectors: [{type: http, port: 0, bindHost: localhost}]"}),
                Arguments.of((Object) new String[] {"logging:", "drills: {dns: {recordName: drill.shop.example.com.},"
                        + " smokeCheck: {url: \"https://{drillHost}/health\", expectStatus: 204, timeout: 5s}}"
                        + "\nlogging:"}),
                // the demo (embedded simulator): nothing of value behind a short token
                Arguments.of((Object) new String[] {"token: test-viewer-token,", "token: viewer,",
                        "logging:", "simulator: {enabled: true}\nlogging:"}));
    }

    @ParameterizedTest
    @MethodSource("acceptedConfigs")
    void acceptsDeliberateExceptions(String[] replacements) throws Exception {
        String yaml = baseConfig();
        for (int i = 0; i < replacements.length; i += 2) {
            assertThat(yaml).contains(replacements[i]);
            yaml = yaml.replace(replacements[i], replacements[i + 1]);
        }
        InProcessDrc drc = InProcessDrc.create();

        assertThat(drc.exitCodeOf("check", write(yaml).toString())).as(drc.failureMessage()).isZero();
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

    private static final String RUNBOOK = """
            {"StartAt": "Scale", "States": {
              "Scale": {"Type": "Task", "Resource": "drc:autoscaling:scaleTo", "ResultPath": null,
                        "Parameters": {"region.$": "$.target.region", "groups.$": "$.target.groups"}, "Next": "Mark"},
              "Mark": {"Type": "Task", "Resource": "drc:execution:recovered", "ResultPath": null, "Next": "Done"},
              "Done": {"Type": "Succeed"}}}""";

    /** A pilot-light failover runbook changed in one way, and what check says of it ("" when it passes). */
    static Stream<Arguments> badRunbooks() {
        return Stream.of(
                Arguments.of("", "", ""),
                Arguments.of("\"Done\": {", "\"Mark\": {\"Type\": \"Succeed\"},\n  \"Done\": {",
                        "state 'Mark': is defined twice in one States object (the second at line 5)"),
                Arguments.of("\"Next\": \"Done\"", "\"Next\": \"Scale\"",
                        "state 'Scale': can reach no end (End: true, Succeed or Fail)"),
                Arguments.of("drc:execution:recovered", "drc:approval",
                        "state 'Done': ends the execution successfully, but the runbook has no Task with Resource "
                                + "'drc:execution:recovered' on the way"),
                Arguments.of("\"Next\": \"Mark\"", "\"Next\": \"Mark\", \"Catch\": [{\"ErrorEquals\": "
                                + "[\"States.ALL\"], \"Next\": \"Done\"}]",
                        "state 'Done': ends the execution successfully, but can be reached without passing"),
                Arguments.of("$.target.groups", "$.target.groupz",
                        "state 'Scale': Parameters 'groups.$': path '$.target.groupz' does not exist in the state input "
                                + "(the runbook input), and no state before this one writes it with its ResultPath "
                                + "(with the failover input built from the configuration)"),
                Arguments.of("\"groups.$\": \"$.target.groups\"",
                        "\"groups\": [{\"name\": \"web\", \"desired\": 4, \"max\": 8}]",
                        "state 'Scale': parameter 'groups[0].min' is required (missing or null)"),
                Arguments.of("\"groups.$\": \"$.target.groups\"", "\"groups.$\": \"$.target.groups\", \"size\": 4",
                        "state 'Scale': parameter 'size' is not a parameter of this step"));
    }

    @ParameterizedTest(name = "[{index}] {2}")
    @MethodSource("badRunbooks")
    void refusesARunbookNamingFileStateAndReason(String original, String replacement, String expected) throws Exception {
        Path runbooks = Files.createDirectories(dir.resolve("runbooks"));
        assertThat(RUNBOOK).contains(original);
        Path file = Files.writeString(runbooks.resolve("pilot-light-failover.asl.json"), RUNBOOK.replace(original, replacement));
        String yaml = baseConfig().replace("runbooks: src/test/resources/test-runbooks", "runbooks: " + runbooks);
        InProcessDrc drc = InProcessDrc.create();

        int exit = drc.exitCodeOf("check", write(yaml).toString());

        if (expected.isEmpty()) {
            assertThat(exit).as(drc.failureMessage()).isZero();
        } else {
            assertThat(exit).isEqualTo(1);
            assertThat(drc.failureMessage()).contains("engine.runbooks: " + file + ": " + expected);
        }
    }

    /** Each strategy's shipped runbooks against the demo's configuration, and its input built for each direction. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "backup-restore | ",
            "pilot-light | ",
            "warm-standby | {name: web, standby: 0, fullLoad: 4, max: 8}=>{name: web, standby: 1, fullLoad: 4, max: 8}",
            "multi-site | normalWeight: 0=>normalWeight: 50"})
    void acceptsEveryShippedRunbookWithTheDemoConfiguration(String strategy, String change) throws Exception {
        String yaml = Files.readString(Path.of("..", "config", "demo.yml")).replace("type: pilot-light", "type: " + strategy);
        if (change != null) {
            String[] edit = change.split("=>");
            assertThat(yaml).contains(edit[0]);
            yaml = yaml.replace(edit[0], edit[1]);
        }
        InProcessDrc drc = InProcessDrc.create();

        assertThat(drc.exitCodeOf("check", write(yaml).toString())).as(drc.failureMessage()).isZero();
        assertThat(drc.output()).contains("strategy " + strategy);
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
