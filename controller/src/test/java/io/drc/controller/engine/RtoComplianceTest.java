package io.drc.controller.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.drc.controller.rto.RtoMetrics;
import io.drc.simulator.AwsCli;
import io.dropwizard.testing.ConfigOverride;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudwatch.model.MetricAlarm;

/**
 * Tier 3, RTO compliance over HTTP on a manual clock: a passing drill makes the status compliant with a predicted
 * RTO, and {@code DRC/DrillRTO}, {@code DRC/DrillAgeSeconds}, {@code DRC/PredictedRTO} and their alarms are what the
 * AWS CLI sees in the DR region; once no drill has passed within {@code drills.maxAge}, the drill-age alarm goes to
 * ALARM (the simulator evaluates alarms every simulated minute) and the status is no longer ready. After the drill
 * the AWS CLI finds nothing tagged {@code drc:drill} in either region.
 */
class RtoComplianceTest {
    static final Duration MAX_AGE = Duration.ofMinutes(10);
    final DaemonOnSimulator drc = new DaemonOnSimulator();

    @AfterEach
    void close() {
        drc.close();
    }

    @Test
    void aPassingDrillMakesRtoCompliantUntilItIsOlderThanMaxAgeAndTheAlarmsSayTheSame() throws Exception {
        drc.withReplication(true).startDaemon(
                ConfigOverride.config("engine.runbooks", Path.of("..", "runbooks").toAbsolutePath().toString()),
                ConfigOverride.config("replication.measureInterval", "60s"),
                ConfigOverride.config("replication.tickInterval", "100ms"),
                ConfigOverride.config("drills.maxAge", "10m"));
        JsonNode before = drc.status().get("rto");
        assertThat(before.get("compliant").asBoolean()).isFalse();
        assertThat(before.get("reason").asText()).contains("no drill has passed yet");
        assertThat(before.get("lastDrill").isNull()).isTrue();
        assertThat(before.get("targetSeconds").asInt()).isEqualTo(1800);
        assertThat(drc.status().get("ready").asBoolean()).isFalse();

        String id = DaemonOnSimulator.body(drc.post("/api/v1/drills", "{\"reason\": \"game day\"}")).get("id").asText();
        JsonNode drill = drc.driveUntil(id, DaemonOnSimulator.ENDED);
        assertThat(drill.get("status").asText()).as(drill.toPrettyString()).isEqualTo("SUCCEEDED");
        Instant ended = Instant.parse(drill.get("endedAt").asText());
        AwsCli cli = AwsCli.forSimulator(drc.simulator);
        for (String region : java.util.List.of("us-east-1", "us-west-2")) {
            assertNothingTaggedDrcDrill(cli, region);
        }

        drc.driveUntil(Duration.ofSeconds(5), () -> drc.status().get("rto").get("compliant").asBoolean()
                        && "OK".equals(state("drill-age")) && "OK".equals(state("predicted-rto")),
                () -> "RTO compliant and its alarms OK: " + drc.status().get("rto") + " " + alarms());
        JsonNode rto = drc.status().get("rto");
        assertThat(rto.get("lastDrill").get("id").asText()).isEqualTo(id);
        assertThat(rto.get("lastDrill").get("rtoSeconds").asDouble()).isEqualTo(drill.get("rtoSeconds").asDouble());
        assertThat(rto.get("predictedSeconds").asDouble()).as(rto.toPrettyString()).isPositive().isLessThanOrEqualTo(1800);
        assertThat(rto.get("predictedPath").toString()).contains("rds.promote").contains("the drill's restore");
        assertThat(rto.get("reason").isNull()).isTrue();

        String metrics = cli.run("us-west-2", "cloudwatch", "list-metrics", "--namespace", "DRC").assertOk().stdout();
        assertThat(metrics).contains("\"DrillRTO\"").contains("\"DrillAgeSeconds\"").contains("\"PredictedRTO\"");
        JsonNode described = DaemonOnSimulator.JSON.readTree(cli.run("us-west-2", "cloudwatch", "describe-alarms",
                "--alarm-name-prefix", "drc-shop-").assertOk().stdout());
        assertThat(described.get("MetricAlarms").findValuesAsText("AlarmName"))
                .contains("drc-shop-drill-rto", "drc-shop-drill-age", "drc-shop-predicted-rto");
        for (JsonNode alarm : described.get("MetricAlarms")) {
            if (alarm.get("AlarmName").asText().equals("drc-shop-drill-age")) {
                assertThat(alarm.get("Threshold").asDouble()).isEqualTo(MAX_AGE.toSeconds());
                assertThat(alarm.get("TreatMissingData").asText()).isEqualTo("breaching");
                assertThat(alarm.get("StateValue").asText()).isEqualTo("OK");
            }
        }

        drc.driveUntil(Duration.ofSeconds(10), () -> "ALARM".equals(state("drill-age")),
                () -> "the drill-age alarm in ALARM: " + alarms());
        assertThat(drc.simulator.manualClock().instant()).as("not before the drill is older than drills.maxAge")
                .isAfter(ended.plus(MAX_AGE));
        JsonNode stale = drc.status();
        assertThat(stale.get("rto").get("compliant").asBoolean()).isFalse();
        assertThat(stale.get("rto").get("reason").asText()).contains(id).contains("drills.maxAge (600 s)");
        assertThat(stale.get("ready").asBoolean()).isFalse();
    }

    /** The AWS CLI, an independent client, finds nothing the drill tagged: every kind of resource a drill makes. */
    private static void assertNothingTaggedDrcDrill(AwsCli cli, String region) throws Exception {
        java.util.List<java.util.List<String>> lists = java.util.List.of(
                java.util.List.of("autoscaling", "describe-auto-scaling-groups"),
                java.util.List.of("ec2", "describe-instances", "--filters", "Name=tag-key,Values=drc:drill",
                        "Name=instance-state-name,Values=pending,running,stopping,stopped,shutting-down"),
                java.util.List.of("ec2", "describe-volumes", "--filters", "Name=tag-key,Values=drc:drill"),
                java.util.List.of("rds", "describe-db-instances"),
                java.util.List.of("rds", "describe-db-snapshots", "--snapshot-type", "manual"));
        for (java.util.List<String> command : lists) {
            assertThat(cli.run(region, command.toArray(String[]::new)).assertOk().stdout())
                    .as("aws %s in %s", command, region).doesNotContain("drc:drill").doesNotContain("drc-drill-");
        }
        java.util.List<String> arns = new java.util.ArrayList<>();
        for (String[] command : new String[][] {{"elbv2", "describe-load-balancers"}, {"elbv2", "describe-target-groups"}}) {
            JsonNode listed = DaemonOnSimulator.JSON.readTree(cli.run(region, command).assertOk().stdout());
            arns.addAll(listed.findValuesAsText("LoadBalancerArn"));
            arns.addAll(listed.findValuesAsText("TargetGroupArn"));
        }
        for (int i = 0; i < arns.size(); i += 20) {
            java.util.List<String> command = new java.util.ArrayList<>(java.util.List.of("elbv2", "describe-tags",
                    "--resource-arns"));
            command.addAll(arns.subList(i, Math.min(arns.size(), i + 20)));
            assertThat(cli.run(region, command.toArray(String[]::new)).assertOk().stdout())
                    .as("load balancer and target group tags in %s", region).doesNotContain("drc:drill");
        }
    }

    private String state(String alarm) {
        return drc.aws.cloudWatch("us-west-2").describeAlarms(r -> r.alarmNames(RtoMetrics.alarmName("shop", alarm)))
                .metricAlarms().stream().findFirst().map(MetricAlarm::stateValueAsString).orElse(null);
    }

    private String alarms() {
        return drc.aws.cloudWatch("us-west-2").describeAlarms(r -> r.alarmNamePrefix("drc-shop-")).metricAlarms()
                .stream().map(a -> a.alarmName() + "=" + a.stateValueAsString() + " (" + a.stateReason() + ")").toList()
                .toString();
    }
}
