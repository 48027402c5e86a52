package io.drc.simulator.cloudwatch;

import io.drc.simulator.core.AwsError;
import io.drc.simulator.core.Pages;
import io.drc.simulator.core.RegionState;
import java.util.List;
import java.util.Set;
import software.amazon.awssdk.services.cloudwatch.model.DeleteAlarmsRequest;
import software.amazon.awssdk.services.cloudwatch.model.DeleteAlarmsResponse;
import software.amazon.awssdk.services.cloudwatch.model.DescribeAlarmsRequest;
import software.amazon.awssdk.services.cloudwatch.model.DescribeAlarmsResponse;
import software.amazon.awssdk.services.cloudwatch.model.MetricAlarm;
import software.amazon.awssdk.services.cloudwatch.model.PutMetricAlarmRequest;
import software.amazon.awssdk.services.cloudwatch.model.PutMetricAlarmResponse;

/** Metric alarms: put (create or replace by name), describe (evaluated at request time) and delete. */
public final class AlarmOperations {
    private static final Set<String> OPERATORS = Set.of("GreaterThanOrEqualToThreshold", "GreaterThanThreshold",
            "LessThanThreshold", "LessThanOrEqualToThreshold");
    private static final Set<String> MISSING_DATA = Set.of("breaching", "notBreaching", "ignore", "missing");
    private static final int DEFAULT_RECORDS = 50;

    public PutMetricAlarmResponse putMetricAlarm(PutMetricAlarmRequest r, RegionState region) {
        CloudWatchService.required(r.alarmName(), "AlarmName");
        CloudWatchService.required(r.evaluationPeriods(), "EvaluationPeriods");
        CloudWatchService.required(r.comparisonOperatorAsString(), "ComparisonOperator");
        if (r.hasMetrics() && !r.metrics().isEmpty()) {
            throw AwsError.badRequest("InvalidParameterValue", "The drc simulator does not evaluate metric math alarms "
                    + "(parameter Metrics); give MetricName, Namespace and Statistic.");
        }
        CloudWatchService.required(r.metricName(), "MetricName");
        CloudWatchService.required(r.namespace(), "Namespace");
        CloudWatchService.required(r.statisticAsString(), "Statistic");
        CloudWatchService.required(r.threshold(), "Threshold");
        Statistics.period(r.period());
        Statistics.requireKnown(r.statisticAsString());
        choice(r.comparisonOperatorAsString(), OPERATORS, "ComparisonOperator");
        if (r.treatMissingData() != null) {
            choice(r.treatMissingData(), MISSING_DATA, "TreatMissingData");
        }
        if (r.evaluationPeriods() < 1 || r.datapointsToAlarm() != null
                && (r.datapointsToAlarm() < 1 || r.datapointsToAlarm() > r.evaluationPeriods())) {
            throw AwsError.badRequest("InvalidParameterValue",
                    "DatapointsToAlarm must be between 1 and EvaluationPeriods, and EvaluationPeriods at least 1.");
        }
        Alarm.Config config = new Alarm.Config(r.alarmName(), region.arn("cloudwatch", "alarm:" + r.alarmName()),
                r.alarmDescription(), r.namespace(), r.metricName(), MetricDataOperations.dimensions(r.dimensions()),
                r.statisticAsString(), r.period(), r.evaluationPeriods(), r.datapointsToAlarm(), r.threshold(),
                r.comparisonOperatorAsString(), r.treatMissingData(), !Boolean.FALSE.equals(r.actionsEnabled()),
                List.copyOf(r.alarmActions()), List.copyOf(r.okActions()), List.copyOf(r.insufficientDataActions()),
                r.unitAsString(), region.world().now());
        CloudWatchState state = CloudWatchState.of(region);
        Alarm existing = state.alarms.get(r.alarmName());
        if (existing == null) {
            state.alarms.put(r.alarmName(), new Alarm(config));
        } else {
            existing.config = config; // AWS keeps the state of an updated alarm until it is next evaluated
        }
        return PutMetricAlarmResponse.builder().build();
    }

    public DescribeAlarmsResponse describeAlarms(DescribeAlarmsRequest r, RegionState region) {
        List<Alarm> named = CloudWatchState.of(region).alarms.values().stream()
                .filter(a -> r.alarmNames().isEmpty() || r.alarmNames().contains(a.config.name()))
                .filter(a -> r.alarmNamePrefix() == null || a.config.name().startsWith(r.alarmNamePrefix()))
                .filter(a -> r.actionPrefix() == null || a.config.alarmActions().stream().anyMatch(x -> x.startsWith(r.actionPrefix())))
                .toList();
        MetricSource source = new MetricSource(region);
        if (r.stateValueAsString() == null) {
            // Only the page is evaluated: thousands of alarms read 100 at a time are not all evaluated per page.
            Pages.Page<Alarm> page = Pages.page(named, r.nextToken(), r.maxRecords(), DEFAULT_RECORDS, "InvalidNextToken");
            page.items().forEach(a -> AlarmEvaluator.evaluate(a, source, region.world().now()));
            return DescribeAlarmsResponse.builder().metricAlarms(page.items().stream().map(AlarmOperations::toSdk).toList())
                    .nextToken(page.nextToken()).build();
        }
        named.forEach(a -> AlarmEvaluator.evaluate(a, source, region.world().now()));
        List<MetricAlarm> matching = named.stream()
                .filter(a -> r.stateValueAsString().equals(a.state))
                .map(AlarmOperations::toSdk)
                .toList();
        Pages.Page<MetricAlarm> page = Pages.page(matching, r.nextToken(), r.maxRecords(), DEFAULT_RECORDS, "InvalidNextToken");
        return DescribeAlarmsResponse.builder().metricAlarms(page.items()).nextToken(page.nextToken()).build();
    }

    public DeleteAlarmsResponse deleteAlarms(DeleteAlarmsRequest r, RegionState region) {
        CloudWatchState state = CloudWatchState.of(region);
        List<String> unknown = r.alarmNames().stream().filter(n -> !state.alarms.containsKey(n)).toList();
        if (!unknown.isEmpty()) {
            throw new AwsError(404, "ResourceNotFound", unknown.size() + " alarm(s) not found: " + unknown);
        }
        r.alarmNames().forEach(state.alarms::remove);
        return DeleteAlarmsResponse.builder().build();
    }

    private static MetricAlarm toSdk(Alarm alarm) {
        Alarm.Config c = alarm.config;
        return MetricAlarm.builder().alarmName(c.name()).alarmArn(c.arn()).alarmDescription(c.description())
                .alarmConfigurationUpdatedTimestamp(c.updatedAt()).actionsEnabled(c.actionsEnabled())
                .alarmActions(c.alarmActions()).okActions(c.okActions()).insufficientDataActions(c.insufficientDataActions())
                .stateValue(alarm.state).stateReason(alarm.reason).stateUpdatedTimestamp(alarm.stateUpdatedAt)
                .stateTransitionedTimestamp(alarm.stateUpdatedAt)
                .metricName(c.metricName()).namespace(c.namespace()).statistic(c.statistic())
                .dimensions(MetricDataOperations.toSdk(c.dimensions())).period(c.period()).unit(c.unit())
                .evaluationPeriods(c.evaluationPeriods()).datapointsToAlarm(c.datapointsToAlarm()).threshold(c.threshold())
                .comparisonOperator(c.comparisonOperator()).treatMissingData(c.treatMissingData()).build();
    }

    private static void choice(String value, Set<String> allowed, String name) {
        if (!allowed.contains(value)) {
            throw AwsError.badRequest("InvalidParameterValue", "The value " + value + " for parameter " + name
                    + " is not valid; valid values are " + allowed.stream().sorted().toList() + ".");
        }
    }
}
