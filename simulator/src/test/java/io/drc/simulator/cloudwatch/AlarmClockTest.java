package io.drc.simulator.cloudwatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.drc.simulator.Simulator;
import io.drc.simulator.SimulatorOptions;
import io.drc.simulator.TestClients;
import io.drc.simulator.core.ManualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.AlarmHistoryItem;
import software.amazon.awssdk.services.cloudwatch.model.ComparisonOperator;
import software.amazon.awssdk.services.cloudwatch.model.Datapoint;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;
import software.amazon.awssdk.services.cloudwatch.model.HistoryItemType;
import software.amazon.awssdk.services.cloudwatch.model.InvalidFormatException;
import software.amazon.awssdk.services.cloudwatch.model.MetricAlarm;
import software.amazon.awssdk.services.cloudwatch.model.StateValue;
import software.amazon.awssdk.services.cloudwatch.model.Statistic;
import software.amazon.awssdk.services.cloudwatch.model.StatisticSet;

/**
 * Alarms are evaluated by the simulator's own clock at every whole minute, whether or not anyone reads them, and
 * statistics are bucketed as CloudWatch buckets them. Real SDK clients (rpcv2Cbor) over HTTP, manual clock.
 */
class AlarmClockTest {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final List<Dimension> DB = List.of(dim("Application", "shop"), dim("Resource", "db"));
    private Simulator simulator;
    private CloudWatchClient cloudWatch;

    @BeforeEach
    void start() {
        simulator = Simulator.start(SimulatorOptions.defaults().withPort(0).withClock(new ManualClock(T0)));
        simulator.manualClock().advance(Duration.ofMinutes(10));
        cloudWatch = new TestClients(simulator).cloudWatch("us-west-2");
    }

    @AfterEach
    void stop() {
        cloudWatch.close();
        simulator.close();
    }

    @Test
    void rpoAlarmGoesToAlarmWithinAMinuteOfABreachNobodyReadsAndBackToOk() {
        rpoAlarm(); // as drc's RpoPublisher makes it
        publish(300);
        advanceTo("00:11:00");
        assertThat(alarm().stateValue()).isEqualTo(StateValue.OK);

        advanceTo("00:11:20");
        publish(1200); // the breach; nobody reads the alarm for 75 s
        advanceTo("00:12:35");
        MetricAlarm breached = alarm();
        assertThat(breached.stateValue()).isEqualTo(StateValue.ALARM);
        assertThat(breached.stateUpdatedTimestamp()).as("decided by the 00:12:00 evaluation, 40 s after the breach")
                .isEqualTo(at("00:12:00"));
        assertThat(breached.stateReason()).isEqualTo("Threshold Crossed: 1 out of the last 1 datapoints [1200.0"
                + " (01/01/26 00:11:00)] was greater than the threshold (900.0) (minimum 1 datapoint for OK -> ALARM transition).");

        publish(200);
        advanceTo("00:13:30");
        MetricAlarm recovered = alarm();
        assertThat(recovered.stateValue()).isEqualTo(StateValue.OK);
        assertThat(recovered.stateUpdatedTimestamp()).isEqualTo(at("00:13:00"));

        List<AlarmHistoryItem> history = cloudWatch.describeAlarmHistory(r -> r.alarmName("drc-shop-db-rpo")).alarmHistoryItems();
        assertThat(history).extracting(AlarmHistoryItem::historySummary).containsExactly(
                "Alarm updated from ALARM to OK", "Alarm updated from OK to ALARM",
                "Alarm updated from INSUFFICIENT_DATA to OK", "Alarm \"drc-shop-db-rpo\" created");
        assertThat(history).extracting(AlarmHistoryItem::timestamp)
                .containsExactly(at("00:13:00"), at("00:12:00"), at("00:11:00"), at("00:10:00"));
        assertThat(history.get(1).historyData()).contains("\"oldState\":{\"stateValue\":\"OK\"")
                .contains("\"newState\":{\"stateValue\":\"ALARM\"").contains("\"recentDatapoints\":[1200.0]");
        assertThat(cloudWatch.describeAlarmHistory(r -> r.alarmName("drc-shop-db-rpo")
                .historyItemType(HistoryItemType.CONFIGURATION_UPDATE)).alarmHistoryItems()).hasSize(1);
    }

    @Test
    void aPublisherThatFallsSilentBreachesAfterTheEvaluationRangeNotAtTheFirstEmptyMinute() {
        rpoAlarm();
        publish(300);
        advanceTo("00:13:30"); // 00:11 and 00:12 had no datapoint: the newest real one (00:10) still decides
        assertThat(alarm().stateValue()).isEqualTo(StateValue.OK);
        advanceTo("00:14:00"); // the range (3 periods for EvaluationPeriods 1) holds no datapoint any more
        assertThat(alarm().stateValue()).isEqualTo(StateValue.ALARM);
        assertThat(alarm().stateReason()).isEqualTo("Threshold Crossed: no datapoints were received for 1 period and"
                + " 1 missing datapoint was treated as [Breaching].");
    }

    @Test
    void setAlarmStateHoldsUntilTheNextEvaluationAndIsInTheHistory() {
        rpoAlarm();
        publish(300);
        advanceTo("00:11:00");
        cloudWatch.setAlarmState(r -> r.alarmName("drc-shop-db-rpo").stateValue(StateValue.ALARM)
                .stateReason("testing the pager").stateReasonData("{\"by\":\"sre\"}"));
        assertThat(alarm().stateValue()).isEqualTo(StateValue.ALARM);
        assertThat(alarm().stateReason()).isEqualTo("testing the pager");
        publish(310);
        advanceTo("00:12:00");
        assertThat(alarm().stateValue()).isEqualTo(StateValue.OK);
        assertThat(cloudWatch.describeAlarmHistory(r -> r.alarmName("drc-shop-db-rpo").maxRecords(2)).alarmHistoryItems())
                .extracting(AlarmHistoryItem::historySummary)
                .containsExactly("Alarm updated from ALARM to OK", "Alarm updated from OK to ALARM");
        assertThatThrownBy(() -> cloudWatch.setAlarmState(r -> r.alarmName("drc-shop-db-rpo").stateValue(StateValue.OK)
                .stateReason("x").stateReasonData("not json")))
                .isInstanceOfSatisfying(InvalidFormatException.class,
                        e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidFormat"));
    }

    @Test
    void alarmsForAMetricAndTheHistoryOfADeletedAlarm() {
        rpoAlarm();
        cloudWatch.putMetricAlarm(r -> r.alarmName("rpo-p90").namespace("DRC").metricName("AchievedRPO").dimensions(DB)
                .extendedStatistic("p90").period(300).evaluationPeriods(1).threshold(900.0)
                .comparisonOperator(ComparisonOperator.GREATER_THAN_THRESHOLD));
        assertThat(cloudWatch.describeAlarmsForMetric(r -> r.namespace("DRC").metricName("AchievedRPO").dimensions(DB))
                .metricAlarms()).extracting(MetricAlarm::alarmName).containsExactly("drc-shop-db-rpo", "rpo-p90");
        assertThat(cloudWatch.describeAlarmsForMetric(r -> r.namespace("DRC").metricName("AchievedRPO")
                .extendedStatistic("p90")).metricAlarms()).extracting(MetricAlarm::alarmName).containsExactly("rpo-p90");

        cloudWatch.deleteAlarms(r -> r.alarmNames("rpo-p90"));
        assertThat(cloudWatch.describeAlarmHistory(r -> r.alarmName("rpo-p90")).alarmHistoryItems())
                .extracting(AlarmHistoryItem::historySummary)
                .containsExactly("Alarm \"rpo-p90\" deleted", "Alarm \"rpo-p90\" created");
    }

    @Test
    void percentileAlarmJudgesTheFiveMinutePeriodsThatEnded() {
        cloudWatch.putMetricAlarm(r -> r.alarmName("latency-p90").namespace("App").metricName("Latency")
                .extendedStatistic("p90").period(300).evaluationPeriods(1).threshold(100.0)
                .comparisonOperator(ComparisonOperator.GREATER_THAN_THRESHOLD));
        for (int i = 1; i <= 10; i++) {
            double value = i * 20; // 20 … 200: p90 = 180
            cloudWatch.putMetricData(r -> r.namespace("App").metricData(d -> d.metricName("Latency").value(value)));
        }
        advanceTo("00:14:00");
        assertThat(state("latency-p90")).as("00:10–00:15 has not ended").isEqualTo(StateValue.INSUFFICIENT_DATA);
        advanceTo("00:15:00");
        assertThat(state("latency-p90")).isEqualTo(StateValue.ALARM);
        assertThat(cloudWatch.describeAlarms(r -> r.alarmNames("latency-p90")).metricAlarms().get(0).stateReason())
                .contains("[180.0 (01/01/26 00:10:00)]");
    }

    @Test
    void statisticsStartOnWholeMinutesAndPercentilesNeedSingleValues() {
        for (int i = 1; i <= 10; i++) {
            double value = i;
            cloudWatch.putMetricData(r -> r.namespace("App").metricData(d -> d.metricName("Latency")
                    .timestamp(at("00:01:40")).value(value)));
        }
        cloudWatch.putMetricData(r -> r.namespace("App").metricData(d -> d.metricName("Latency").timestamp(at("00:02:10"))
                .statisticValues(StatisticSet.builder().sampleCount(2.0).sum(30.0).minimum(10.0).maximum(20.0).build())));

        List<Datapoint> points = cloudWatch.getMetricStatistics(r -> r.namespace("App").metricName("Latency")
                .startTime(at("00:01:30")).endTime(at("00:03:00")).period(60)
                .statistics(Statistic.SAMPLE_COUNT).extendedStatistics("p50", "p90")).datapoints();
        assertThat(points).extracting(Datapoint::timestamp).as("a 60 s period starts on whole minutes")
                .containsExactlyInAnyOrder(at("00:01:00"), at("00:02:00"));
        Datapoint values = points.stream().filter(p -> p.timestamp().equals(at("00:01:00"))).findFirst().orElseThrow();
        assertThat(values.extendedStatistics()).containsEntry("p50", 5.0).containsEntry("p90", 9.0);
        Datapoint set = points.stream().filter(p -> p.timestamp().equals(at("00:02:00"))).findFirst().orElseThrow();
        assertThat(set.sampleCount()).isEqualTo(2.0);
        assertThat(set.extendedStatistics()).as("no percentile over a statistic set").isEmpty();

        var p90 = cloudWatch.getMetricData(r -> r.startTime(at("00:01:30")).endTime(at("00:03:00"))
                .metricDataQueries(q -> q.id("p").metricStat(s -> s.period(60).stat("p90")
                        .metric(m -> m.namespace("App").metricName("Latency"))))).metricDataResults().get(0);
        assertThat(p90.timestamps()).containsExactly(at("00:01:00"));
        assertThat(p90.values()).containsExactly(9.0);
    }

    private void rpoAlarm() {
        cloudWatch.putMetricAlarm(r -> r.alarmName("drc-shop-db-rpo").namespace("DRC").metricName("AchievedRPO")
                .dimensions(DB).statistic(Statistic.MAXIMUM).period(60).evaluationPeriods(1).threshold(900.0)
                .comparisonOperator(ComparisonOperator.GREATER_THAN_THRESHOLD).treatMissingData("breaching"));
        MetricAlarm created = alarm();
        assertThat(created.stateValue()).isEqualTo(StateValue.INSUFFICIENT_DATA);
        assertThat(created.stateReason()).isEqualTo("Unchecked: Initial alarm creation");
    }

    private void publish(double rpoSeconds) {
        Instant now = simulator.world().now();
        cloudWatch.putMetricData(r -> r.namespace("DRC").metricData(d -> d.metricName("AchievedRPO").dimensions(DB)
                .value(rpoSeconds).timestamp(now)));
    }

    private MetricAlarm alarm() {
        return cloudWatch.describeAlarms(r -> r.alarmNames("drc-shop-db-rpo")).metricAlarms().get(0);
    }

    private StateValue state(String name) {
        return cloudWatch.describeAlarms(r -> r.alarmNames(name)).metricAlarms().get(0).stateValue();
    }

    private void advanceTo(String time) {
        simulator.manualClock().advance(Duration.between(simulator.world().now(), at(time)));
    }

    private static Instant at(String time) {
        return Instant.parse("2026-01-01T" + time + "Z");
    }

    private static Dimension dim(String name, String value) {
        return Dimension.builder().name(name).value(value).build();
    }
}
