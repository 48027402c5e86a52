package io.drc.simulator.cloudwatch;

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

/** The AWS CLI 2.9 speaks CloudWatch's query protocol: the same service answers it. */
class CloudWatchCliTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static Simulator simulator;

    @BeforeAll
    static void start() {
        simulator = Simulator.start(SimulatorOptions.defaults().withPort(0).withClock(new ManualClock(T0)));
        simulator.manualClock().advance(Duration.ofMinutes(10));
    }

    @AfterAll
    static void stop() {
        simulator.close();
    }

    @Test
    void cliPutsMetricDataAndReadsStatisticsAndMetrics() throws Exception {
        AwsCli cli = AwsCli.forSimulator(simulator);
        cli.run("us-west-2", "cloudwatch", "put-metric-data", "--namespace", "Drc", "--metric-name", "RpoSeconds",
                "--dimensions", "Resource=orders-db", "--timestamp", "2026-01-01T00:01:10Z", "--value", "40", "--unit", "Seconds")
                .assertOk();
        cli.run("us-west-2", "cloudwatch", "put-metric-data", "--namespace", "Drc", "--metric-name", "RpoSeconds",
                "--dimensions", "Resource=orders-db", "--timestamp", "2026-01-01T00:01:40Z", "--value", "80", "--unit", "Seconds")
                .assertOk();

        JsonNode stats = JSON.readTree(cli.run("us-west-2", "cloudwatch", "get-metric-statistics", "--namespace", "Drc",
                "--metric-name", "RpoSeconds", "--dimensions", "Name=Resource,Value=orders-db",
                "--start-time", "2026-01-01T00:00:00Z", "--end-time", "2026-01-01T00:05:00Z", "--period", "60",
                "--statistics", "Average", "Maximum").assertOk().stdout());
        assertThat(stats.at("/Label").asText()).isEqualTo("RpoSeconds");
        assertThat(stats.at("/Datapoints")).hasSize(1);
        assertThat(stats.at("/Datapoints/0/Average").asDouble()).isEqualTo(60.0);
        assertThat(stats.at("/Datapoints/0/Maximum").asDouble()).isEqualTo(80.0);
        assertThat(stats.at("/Datapoints/0/Unit").asText()).isEqualTo("Seconds");

        JsonNode metrics = JSON.readTree(cli.run("us-west-2", "cloudwatch", "list-metrics", "--namespace", "Drc")
                .assertOk().stdout());
        assertThat(metrics.at("/Metrics/0/MetricName").asText()).isEqualTo("RpoSeconds");
        assertThat(metrics.at("/Metrics/0/Dimensions/0/Value").asText()).isEqualTo("orders-db");
    }

    @Test
    void cliPutsAndDescribesAlarmsAndGetsAwsErrorCodes() throws Exception {
        AwsCli cli = AwsCli.forSimulator(simulator);
        cli.run("us-west-2", "cloudwatch", "put-metric-alarm", "--alarm-name", "rpo-breached", "--namespace", "Drc",
                "--metric-name", "Rpo", "--statistic", "Maximum", "--period", "60", "--evaluation-periods", "1",
                "--threshold", "900", "--comparison-operator", "GreaterThanThreshold",
                "--treat-missing-data", "breaching").assertOk();
        JsonNode created = JSON.readTree(cli.run("us-west-2", "cloudwatch", "describe-alarms", "--alarm-names",
                "rpo-breached").assertOk().stdout());
        assertThat(created.at("/MetricAlarms/0/StateValue").asText()).isEqualTo("INSUFFICIENT_DATA");
        assertThat(created.at("/MetricAlarms/0/StateReason").asText()).isEqualTo("Unchecked: Initial alarm creation");
        simulator.manualClock().advance(Duration.ofSeconds(60 - simulator.world().now().getEpochSecond() % 60));
        JsonNode alarms = JSON.readTree(cli.run("us-west-2", "cloudwatch", "describe-alarms", "--alarm-names",
                "rpo-breached").assertOk().stdout());
        assertThat(alarms.at("/MetricAlarms/0/StateValue").asText()).isEqualTo("ALARM");
        assertThat(alarms.at("/MetricAlarms/0/StateReason").asText()).isEqualTo("Threshold Crossed: no datapoints were "
                + "received for 1 period and 1 missing datapoint was treated as [Breaching].");
        assertThat(alarms.at("/MetricAlarms/0/TreatMissingData").asText()).isEqualTo("breaching");
        assertThat(alarms.at("/MetricAlarms/0/AlarmArn").asText())
                .isEqualTo("arn:aws:cloudwatch:us-west-2:123456789012:alarm:rpo-breached");

        JsonNode history = JSON.readTree(cli.run("us-west-2", "cloudwatch", "describe-alarm-history", "--alarm-name",
                "rpo-breached").assertOk().stdout());
        assertThat(history.at("/AlarmHistoryItems/0/HistorySummary").asText()).isEqualTo("Alarm updated from INSUFFICIENT_DATA to ALARM");
        assertThat(history.at("/AlarmHistoryItems/1/HistorySummary").asText()).isEqualTo("Alarm \"rpo-breached\" created");
        assertThat(JSON.readTree(history.at("/AlarmHistoryItems/0/HistoryData").asText()).at("/newState/stateValue").asText())
                .isEqualTo("ALARM");
        cli.run("us-west-2", "cloudwatch", "set-alarm-state", "--alarm-name", "rpo-breached", "--state-value", "OK",
                "--state-reason", "silenced by hand").assertOk();
        assertThat(JSON.readTree(cli.run("us-west-2", "cloudwatch", "describe-alarms-for-metric", "--namespace", "Drc",
                "--metric-name", "Rpo").assertOk().stdout()).at("/MetricAlarms/0/StateReason").asText())
                .isEqualTo("silenced by hand");

        AwsCli.Result unknown = cli.run("us-west-2", "cloudwatch", "delete-alarms", "--alarm-names", "no-such-alarm");
        assertThat(unknown.exitCode()).isNotZero();
        assertThat(unknown.stderr()).contains("ResourceNotFound");
        AwsCli.Result reserved = cli.run("us-west-2", "cloudwatch", "put-metric-data", "--namespace", "AWS/EC2",
                "--metric-name", "X", "--value", "1");
        assertThat(reserved.stderr()).contains("InvalidParameterValue").contains("The value AWS/ for parameter Namespace is invalid.");
        AwsCli.Result noStatistics = cli.run("us-west-2", "cloudwatch", "get-metric-statistics", "--namespace", "Drc",
                "--metric-name", "Rpo", "--start-time", "2026-01-01T00:00:00Z", "--end-time", "2026-01-01T00:05:00Z",
                "--period", "60");
        assertThat(noStatistics.stderr()).contains("MissingParameter");
    }
}
