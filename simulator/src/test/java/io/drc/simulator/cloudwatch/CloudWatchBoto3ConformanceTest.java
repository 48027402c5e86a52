package io.drc.simulator.cloudwatch;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.drc.simulator.Boto3;
import io.drc.simulator.Simulator;
import io.drc.simulator.SimulatorOptions;
import io.drc.simulator.core.ManualClock;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The start of the conformance suite: boto3 drives the CloudWatch operations the simulator serves and checks every
 * answer, as it crossed the wire, against botocore's own service model ({@code data/cloudwatch/…/service-2.json}):
 * no member the model lacks, types and enums as modelled, required members present, errors with their codes
 * (resources/conformance/, which {@code ConformanceSuiteTest} runs over every service). Runs with Debian's boto3 (query protocol) and with any newer one on
 * the PATH (AWS JSON 1.0 since botocore prefers it).
 */
class CloudWatchBoto3ConformanceTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> OPERATIONS = List.of("PutMetricData", "ListMetrics", "GetMetricStatistics",
            "GetMetricData", "PutMetricAlarm", "DescribeAlarms", "DescribeAlarmsForMetric", "SetAlarmState",
            "DescribeAlarmHistory", "DeleteAlarms");
    /** Members AWS answers with that Debian's botocore 1.29 model predates (added to CloudWatch in 2023). */
    private static final List<String> NEWER_THAN_DEBIANS_MODEL = List.of("MetricAlarm.StateTransitionedTimestamp");

    static List<Boto3> interpreters() {
        return Boto3.interpreters();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("interpreters")
    void everyAnswerMatchesBotocoresModel(Boto3 boto3, @TempDir Path dir) throws IOException {
        Path script = dir.resolve("conformance.py");
        for (String file : List.of("suite.py", "conformance.py")) {
            try (InputStream in = getClass().getResourceAsStream("/conformance/" + file)) {
                Files.copy(in, dir.resolve(file));
            }
        }
        try (Simulator simulator = Simulator.start(SimulatorOptions.defaults().withPort(0)
                .withClock(new ManualClock(Instant.parse("2026-01-01T00:10:20Z"))))) {
            List<String> args = new ArrayList<>(List.of(script.toString(), simulator.endpoint().toString(),
                    "--only", "cloudwatch"));
            args.addAll(NEWER_THAN_DEBIANS_MODEL);
            Boto3.Result run = boto3.run(args.toArray(String[]::new));
            assertThat(run.exitCode()).as(run.stderr()).isZero();
            JsonNode report = JSON.readTree(run.stdout());
            System.out.println("boto3 conformance, botocore " + report.get("botocore").asText() + " speaking "
                    + report.get("protocol").asText() + ": " + report.get("checked").size() + " operations checked,"
                    + " members newer than its model: " + report.get("newer"));
            assertThat(report.get("problems")).as("problems found by " + boto3).isEmpty();
            assertThat(report.get("checked").fieldNames()).toIterable()
                    .containsAll(OPERATIONS.stream().map(op -> "cloudwatch:" + op).toList());
        }
    }
}
