package io.drc.simulator.cloudwatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.drc.simulator.Simulator;
import io.drc.simulator.SimulatorOptions;
import io.drc.simulator.core.FaultRule;
import io.drc.simulator.core.Journal;
import io.drc.simulator.core.ManualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.ComparisonOperator;
import software.amazon.awssdk.services.cloudwatch.model.Datapoint;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;
import software.amazon.awssdk.services.cloudwatch.model.InvalidParameterValueException;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataResult;
import software.amazon.awssdk.services.cloudwatch.model.MetricDatum;
import software.amazon.awssdk.services.cloudwatch.model.ResourceNotFoundException;
import software.amazon.awssdk.services.cloudwatch.model.ScanBy;
import software.amazon.awssdk.services.cloudwatch.model.StandardUnit;
import software.amazon.awssdk.services.cloudwatch.model.StateValue;
import software.amazon.awssdk.services.cloudwatch.model.Statistic;
import software.amazon.awssdk.services.cloudwatch.model.StatusCode;

class CloudWatchSdkTest {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final Set<String> PROTOCOLS_SEEN = ConcurrentHashMap.newKeySet();
    private static final FakeReplicaLag LAG = new FakeReplicaLag();
    private static Simulator simulator;
    private static CloudWatchClient cloudWatch;

    @BeforeAll
    static void start() {
        simulator = Simulator.start(SimulatorOptions.defaults().withPort(0).withClock(new ManualClock(T0)));
        simulator.world().locked(() -> simulator.world().region("eu-west-1").addMetricProvider(LAG));
        cloudWatch = CloudWatchClient.builder().endpointOverride(simulator.endpoint())
                .region(Region.EU_WEST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .overrideConfiguration(c -> c.retryStrategy(RetryMode.STANDARD).addExecutionInterceptor(new WireRecorder()))
                .build();
    }

    @AfterAll
    static void stop() {
        cloudWatch.close();
        simulator.close();
    }

    /** Records what actually crossed the wire, both ways, to prove the SDK and the simulator spoke CBOR. */
    private static final class WireRecorder implements ExecutionInterceptor {
        @Override
        public void afterTransmission(Context.AfterTransmission context, ExecutionAttributes attributes) {
            PROTOCOLS_SEEN.add(context.httpRequest().encodedPath() + " " + context.httpRequest().firstMatchingHeader("Content-Type").orElse("")
                    + " -> " + context.httpResponse().firstMatchingHeader("smithy-protocol").orElse("none"));
        }
    }

    @Test
    void statisticsOverATimeRangeSpeakingCbor() {
        simulator.manualClock().advance(Duration.ofMinutes(10));
        put("Orders", "Latency", T0.plusSeconds(30), 10);
        put("Orders", "Latency", T0.plusSeconds(50), 30);
        put("Orders", "Latency", T0.plusSeconds(70), 5);
        put("Orders", "Latency", T0.plusSeconds(400), 99); // outside the range asked for

        List<Datapoint> points = cloudWatch.getMetricStatistics(r -> r.namespace("Orders").metricName("Latency")
                .dimensions(dim("Service", "checkout")).startTime(T0).endTime(T0.plusSeconds(120)).period(60)
                .statistics(Statistic.AVERAGE, Statistic.SUM, Statistic.MINIMUM, Statistic.MAXIMUM, Statistic.SAMPLE_COUNT))
                .datapoints();

        assertThat(points).hasSize(2);
        Datapoint first = points.stream().filter(p -> p.timestamp().equals(T0)).findFirst().orElseThrow();
        assertThat(first.average()).isEqualTo(20.0);
        assertThat(first.sum()).isEqualTo(40.0);
        assertThat(first.minimum()).isEqualTo(10.0);
        assertThat(first.maximum()).isEqualTo(30.0);
        assertThat(first.sampleCount()).isEqualTo(2.0);
        assertThat(first.unit()).isEqualTo(StandardUnit.MILLISECONDS);
        assertThat(PROTOCOLS_SEEN).contains(
                "/service/GraniteServiceVersion20100801/operation/PutMetricData application/cbor -> rpc-v2-cbor",
                "/service/GraniteServiceVersion20100801/operation/GetMetricStatistics application/cbor -> rpc-v2-cbor");

        List<MetricDataResult> data = cloudWatch.getMetricData(r -> r.startTime(T0).endTime(T0.plusSeconds(600))
                .scanBy(ScanBy.TIMESTAMP_ASCENDING).metricDataQueries(q -> q.id("lat").metricStat(s -> s.period(60)
                        .stat("Maximum").metric(m -> m.namespace("Orders").metricName("Latency")
                                .dimensions(dim("Service", "checkout")))))).metricDataResults();
        assertThat(data).singleElement().satisfies(result -> {
            assertThat(result.statusCode()).isEqualTo(StatusCode.COMPLETE);
            assertThat(result.timestamps()).containsExactly(T0, T0.plusSeconds(60), T0.plusSeconds(360));
            assertThat(result.values()).containsExactly(30.0, 5.0, 99.0);
        });
    }

    @Test
    void listsPublishedAndProvidedMetricsWithFiltersAndPages() {
        List<MetricDatum> many = IntStream.range(0, 501)
                .mapToObj(i -> MetricDatum.builder().metricName("Queue")
                        .dimensions(dim("Shard", "s" + i)).value(1.0).build()).toList();
        cloudWatch.putMetricData(r -> r.namespace("Paging").metricData(many));

        var first = cloudWatch.listMetrics(r -> r.namespace("Paging"));
        assertThat(first.metrics()).hasSize(500);
        assertThat(first.nextToken()).isNotNull();
        assertThat(cloudWatch.listMetrics(r -> r.namespace("Paging").nextToken(first.nextToken())).metrics()).hasSize(1);
        assertThat(cloudWatch.listMetrics(r -> r.namespace("Paging").dimensions(f -> f.name("Shard").value("s7"))).metrics())
                .singleElement().satisfies(m -> assertThat(m.dimensions()).containsExactly(dim("Shard", "s7")));
        assertThat(cloudWatch.listMetrics(r -> r.namespace("AWS/RDS").metricName("ReplicaLag")).metrics())
                .singleElement().satisfies(m -> assertThat(m.dimensions()).containsExactly(dim("DBInstanceIdentifier", "orders-replica")));
    }

    @Test
    void alarmsStartUncheckedAndAreEvaluatedEveryWholeMinuteAsTreatMissingDataSays() {
        simulator.manualClock().advance(Duration.ofHours(1));
        alarm("errors-high", "Errors", null);
        alarm("errors-missing-breaches", "Silent", "breaching");
        alarm("errors-missing-ok", "Silent", "notBreaching");
        assertThat(cloudWatch.describeAlarms(r -> r.alarmNamePrefix("errors-")).metricAlarms()).allSatisfy(a -> {
            assertThat(a.stateValue()).isEqualTo(StateValue.INSUFFICIENT_DATA);
            assertThat(a.stateReason()).isEqualTo("Unchecked: Initial alarm creation");
        });

        nextWholeMinute();
        assertThat(state("errors-high")).isEqualTo(StateValue.INSUFFICIENT_DATA);
        assertThat(state("errors-missing-breaches")).isEqualTo(StateValue.ALARM);
        assertThat(state("errors-missing-ok")).isEqualTo(StateValue.OK);

        put("App", "Errors", null, 3);
        assertThat(state("errors-high")).as("not evaluated before the minute ends").isEqualTo(StateValue.INSUFFICIENT_DATA);
        nextWholeMinute();
        assertThat(state("errors-high")).isEqualTo(StateValue.OK);
        put("App", "Errors", null, 12);
        nextWholeMinute();
        var alarm = cloudWatch.describeAlarms(r -> r.alarmNames("errors-high")).metricAlarms().get(0);
        assertThat(alarm.stateValue()).isEqualTo(StateValue.ALARM);
        assertThat(alarm.stateReason()).startsWith("Threshold Crossed: 1 out of the last 1 datapoints [12.0")
                .contains("was greater than the threshold (10.0)")
                .endsWith("(minimum 1 datapoint for OK -> ALARM transition).");
        assertThat(alarm.stateUpdatedTimestamp()).isEqualTo(simulator.world().now());

        assertThat(cloudWatch.describeAlarms(r -> r.stateValue(StateValue.ALARM).alarmNamePrefix("errors-")).metricAlarms())
                .extracting(a -> a.alarmName()).containsExactly("errors-high", "errors-missing-breaches");
        var page = cloudWatch.describeAlarms(r -> r.alarmNamePrefix("errors-").maxRecords(2));
        assertThat(page.metricAlarms()).hasSize(2);
        assertThat(cloudWatch.describeAlarms(r -> r.alarmNamePrefix("errors-").nextToken(page.nextToken())).metricAlarms())
                .extracting(a -> a.alarmName()).containsExactly("errors-missing-ok");
        assertThat(simulator.admin().snapshot().get("regions").toString())
                .contains("CloudWatchState").contains("errors-high");
    }

    @Test
    void alarmOnProvidedReplicaLagIsUpdatedInPlaceAndDeleted() {
        cloudWatch.putMetricAlarm(r -> r.alarmName("replica-lag").namespace("AWS/RDS").metricName("ReplicaLag")
                .dimensions(dim("DBInstanceIdentifier", "orders-replica")).statistic(Statistic.MAXIMUM).period(60)
                .evaluationPeriods(2).threshold(300.0).comparisonOperator(ComparisonOperator.GREATER_THAN_THRESHOLD)
                .alarmActions("arn:aws:sns:eu-west-1:123456789012:dr-pager"));
        LAG.set(5);
        nextWholeMinute();
        assertThat(state("replica-lag")).isEqualTo(StateValue.OK);
        LAG.set(900);
        nextWholeMinute();
        assertThat(state("replica-lag")).isEqualTo(StateValue.ALARM);

        cloudWatch.putMetricAlarm(r -> r.alarmName("replica-lag").namespace("AWS/RDS").metricName("ReplicaLag")
                .dimensions(dim("DBInstanceIdentifier", "orders-replica")).statistic(Statistic.MAXIMUM).period(60)
                .evaluationPeriods(2).threshold(1000.0).comparisonOperator(ComparisonOperator.GREATER_THAN_THRESHOLD));
        assertThat(cloudWatch.describeAlarms(r -> r.alarmNames("replica-lag")).metricAlarms()).singleElement()
                .satisfies(a -> {
                    assertThat(a.threshold()).isEqualTo(1000.0);
                    assertThat(a.stateValue()).as("an update leaves the state until the next evaluation").isEqualTo(StateValue.ALARM);
                });
        nextWholeMinute();
        assertThat(state("replica-lag")).isEqualTo(StateValue.OK);

        cloudWatch.deleteAlarms(r -> r.alarmNames("replica-lag"));
        assertThat(cloudWatch.describeAlarms(r -> r.alarmNames("replica-lag")).metricAlarms()).isEmpty();
        assertThatThrownBy(() -> cloudWatch.deleteAlarms(r -> r.alarmNames("replica-lag")))
                .isInstanceOfSatisfying(ResourceNotFoundException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(404);
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ResourceNotFound");
                });
    }

    @Test
    void errorsCarryTheQueryCodeAndThrottlingIsRetried() {
        assertThatThrownBy(() -> cloudWatch.putMetricData(r -> r.namespace("AWS/Mine").metricData(d -> d.metricName("X").value(1.0))))
                .isInstanceOfSatisfying(InvalidParameterValueException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(400);
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidParameterValue");
                    assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("The value AWS/ for parameter Namespace is invalid.");
                });

        long before = simulator.journal().lastSeq();
        simulator.faults().add(new FaultRule(null, FaultRule.Kind.THROTTLE, null, "monitoring", "ListMetrics", 1.0, null, 1));
        cloudWatch.listMetrics(r -> r.namespace("Nothing"));
        assertThat(simulator.journal().since(before)).extracting(Journal.Call::errorCode).containsExactly("Throttling", null);
    }

    /** Moves the clock to the next whole minute, when CloudWatch evaluates alarms. */
    private static void nextWholeMinute() {
        long intoMinute = simulator.world().now().getEpochSecond() % 60;
        simulator.manualClock().advance(Duration.ofSeconds(60 - intoMinute));
    }

    private static void alarm(String name, String metric, String treatMissingData) {
        cloudWatch.putMetricAlarm(r -> r.alarmName(name).namespace("App").metricName(metric).statistic(Statistic.MAXIMUM)
                .period(60).evaluationPeriods(1).threshold(10.0).comparisonOperator(ComparisonOperator.GREATER_THAN_THRESHOLD)
                .treatMissingData(treatMissingData));
    }

    private static StateValue state(String alarm) {
        return cloudWatch.describeAlarms(r -> r.alarmNames(alarm)).metricAlarms().get(0).stateValue();
    }

    private static void put(String namespace, String metric, Instant at, double value) {
        cloudWatch.putMetricData(r -> r.namespace(namespace).metricData(d -> d.metricName(metric).timestamp(at).value(value)
                .unit(StandardUnit.MILLISECONDS).dimensions(namespace.equals("Orders") ? List.of(dim("Service", "checkout")) : List.of())));
    }

    private static Dimension dim(String name, String value) {
        return Dimension.builder().name(name).value(value).build();
    }
}
