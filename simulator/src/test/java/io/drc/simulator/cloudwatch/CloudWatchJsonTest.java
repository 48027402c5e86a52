package io.drc.simulator.cloudwatch;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.drc.simulator.RawHttp;
import io.drc.simulator.Simulator;
import io.drc.simulator.SimulatorOptions;
import io.drc.simulator.core.ManualClock;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * CloudWatch over AWS JSON 1.0, what current botocore and the AWS CLI send, as raw HTTP (no Java client speaks
 * it): {@code X-Amz-Target: GraniteServiceVersion20100801.<Action>}, {@code x-amzn-query-mode: true}; answers
 * in {@code application/x-amz-json-1.0}, errors with {@code __type} and the query code in {@code x-amzn-query-error}.
 */
class CloudWatchJsonTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static Simulator simulator;
    private static RawHttp http;

    @BeforeAll
    static void start() {
        simulator = Simulator.start(SimulatorOptions.defaults().withPort(0).withClock(new ManualClock(T0)));
        simulator.manualClock().advance(Duration.ofMinutes(10));
        http = new RawHttp(simulator);
    }

    @AfterAll
    static void stop() {
        simulator.close();
    }

    private static HttpResponse<String> call(String action, String body) {
        return http.post("/", Map.of("X-Amz-Target", "GraniteServiceVersion20100801." + action,
                "Content-Type", "application/x-amz-json-1.0", "x-amzn-query-mode", "true",
                "Authorization", RawHttp.authorization("us-west-2", "monitoring")), body);
    }

    @Test
    void putsDataAndReadsStatisticsWithEpochSecondTimestamps() throws Exception {
        HttpResponse<String> put = call("PutMetricData", """
                {"Namespace": "Drc", "MetricData": [
                  {"MetricName": "Rpo", "Dimensions": [{"Name": "Resource", "Value": "db"}],
                   "Timestamp": 1767225670, "Value": 40, "Unit": "Seconds"},
                  {"MetricName": "Rpo", "Dimensions": [{"Name": "Resource", "Value": "db"}],
                   "Timestamp": 1767225700.5, "Values": [80, 20], "Counts": [1, 2], "Unit": "Seconds"}]}""");
        assertThat(put.statusCode()).isEqualTo(200);
        assertThat(put.headers().firstValue("Content-Type")).contains("application/x-amz-json-1.0");
        assertThat(put.headers().firstValue("x-amzn-RequestId")).isPresent();
        assertThat(JSON.readTree(put.body())).isEqualTo(JSON.createObjectNode());

        HttpResponse<String> stats = call("GetMetricStatistics", """
                {"Namespace": "Drc", "MetricName": "Rpo", "Dimensions": [{"Name": "Resource", "Value": "db"}],
                 "StartTime": 1767225600, "EndTime": 1767225900, "Period": 60,
                 "Statistics": ["Maximum", "SampleCount", "Sum"], "ExtendedStatistics": ["p50"]}""");
        assertThat(stats.statusCode()).isEqualTo(200);
        JsonNode body = JSON.readTree(stats.body());
        assertThat(body.get("Label").asText()).isEqualTo("Rpo");
        JsonNode point = body.at("/Datapoints/0");
        assertThat(point.get("Timestamp").isNumber()).as("epoch seconds, as JSON 1.0 sends timestamps").isTrue();
        assertThat(point.get("Timestamp").asLong()).isEqualTo(1767225660L);
        assertThat(point.get("Maximum").asDouble()).isEqualTo(80.0);
        assertThat(point.get("SampleCount").asDouble()).isEqualTo(4.0);
        assertThat(point.get("Sum").asDouble()).isEqualTo(160.0);
        assertThat(point.at("/ExtendedStatistics/p50").asDouble()).isEqualTo(20.0);
        assertThat(point.get("Unit").asText()).isEqualTo("Seconds");

        HttpResponse<String> alarm = call("PutMetricAlarm", """
                {"AlarmName": "rpo-db", "Namespace": "Drc", "MetricName": "Rpo",
                 "Dimensions": [{"Name": "Resource", "Value": "db"}], "Statistic": "Maximum", "Period": 60,
                 "EvaluationPeriods": 1, "Threshold": 900, "ComparisonOperator": "GreaterThanThreshold",
                 "TreatMissingData": "breaching"}""");
        assertThat(alarm.statusCode()).isEqualTo(200);
        JsonNode described = JSON.readTree(call("DescribeAlarms", "{\"AlarmNames\": [\"rpo-db\"]}").body());
        assertThat(described.at("/MetricAlarms/0/StateValue").asText()).isEqualTo("INSUFFICIENT_DATA");
        assertThat(described.at("/MetricAlarms/0/StateReason").asText()).isEqualTo("Unchecked: Initial alarm creation");
        assertThat(described.at("/MetricAlarms/0/Threshold").asDouble()).isEqualTo(900.0);
        assertThat(described.at("/MetricAlarms/0/StateUpdatedTimestamp").isNumber()).isTrue();
    }

    @Test
    void errorsCarryTheShapeInTypeAndTheQueryCodeInTheHeader() throws Exception {
        HttpResponse<String> reserved = call("PutMetricData",
                "{\"Namespace\": \"AWS/EC2\", \"MetricData\": [{\"MetricName\": \"X\", \"Value\": 1}]}");
        assertThat(reserved.statusCode()).isEqualTo(400);
        assertThat(reserved.headers().firstValue("x-amzn-query-error")).contains("InvalidParameterValue;Sender");
        assertThat(reserved.headers().firstValue("Content-Type")).contains("application/x-amz-json-1.0");
        JsonNode body = JSON.readTree(reserved.body());
        assertThat(body.get("__type").asText()).isEqualTo("com.amazonaws.cloudwatch#InvalidParameterValueException");
        assertThat(body.get("message").asText()).isEqualTo("The value AWS/ for parameter Namespace is invalid.");

        HttpResponse<String> missing = call("GetMetricStatistics", "{\"Namespace\": \"Drc\"}");
        assertThat(missing.headers().firstValue("x-amzn-query-error")).contains("MissingParameter;Sender");
        assertThat(JSON.readTree(missing.body()).get("__type").asText())
                .isEqualTo("com.amazonaws.cloudwatch#MissingRequiredParameterException");

        HttpResponse<String> unknown = call("DescribeEverything", "{}");
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(unknown.body()).get("__type").asText())
                .isEqualTo("com.amazon.coral.service#UnknownOperationException");

        HttpResponse<String> garbled = call("ListMetrics", "{not json");
        assertThat(garbled.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(garbled.body()).get("__type").asText())
                .isEqualTo("com.amazon.coral.service#SerializationException");
    }
}
