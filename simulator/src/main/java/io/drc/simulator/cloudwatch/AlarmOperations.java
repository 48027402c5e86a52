package io.drc.simulator.cloudwatch;

import io.drc.simulator.core.AwsError;
import io.drc.simulator.core.Pages;
import io.drc.simulator.core.RegionState;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import software.amazon.awssdk.services.cloudwatch.model.DeleteAlarmsRequest;
import software.amazon.awssdk.services.cloudwatch.model.DeleteAlarmsResponse;
import software.amazon.awssdk.services.cloudwatch.model.DescribeAlarmsForMetricRequest;
import software.amazon.awssdk.services.cloudwatch.model.DescribeAlarmsForMetricResponse;
import software.amazon.awssdk.services.cloudwatch.model.DescribeAlarmsRequest;
import software.amazon.awssdk.services.cloudwatch.model.DescribeAlarmsResponse;
import software.amazon.awssdk.services.cloudwatch.model.MetricAlarm;
import software.amazon.awssdk.services.cloudwatch.model.PutMetricAlarmRequest;
import software.amazon.awssdk.services.cloudwatch.model.PutMetricAlarmResponse;

/**
 * Metric alarms: put (create or replace by name), describe (by name, prefix, state or metric) and delete. Their
 * state is what the last minute evaluation ({@link AlarmClock}) or SetAlarmState decided; reading changes nothing.
 */
public final class AlarmOperations {
    private static final Set<String> OPERATORS = Set.of("GreaterThanOrEqualToThreshold", "GreaterThanThreshold",
            "LessThanThreshold", "LessThanOrEqualToThreshold");
    private static final Set<String> MISSING_DATA = Set.of("breaching", "notBreaching", "ignore", "missing");
    private static final int DEFAULT_RECORDS = 50;
    private static final int ONE_HOUR = 3600;
    private static final int ONE_DAY = 86_400;
    private static final int SEVEN_DAYS = 7 * ONE_DAY;

    public PutMetricAlarmResponse putMetricAlarm(PutMetricAlarmRequest r, RegionState region) {
        validate(r);
        Alarm.Config config = new Alarm.Config(r.alarmName(), region.arn("cloudwatch", "alarm:" + r.alarmName()),
                r.alarmDescription(), r.namespace(), r.metricName(), MetricDataOperations.dimensions(r.dimensions()),
                r.statisticAsString(), r.extendedStatistic(), r.period(), r.evaluationPeriods(), r.datapointsToAlarm(),
                r.threshold(), r.comparisonOperatorAsString(), r.treatMissingData(),
                !Boolean.FALSE.equals(r.actionsEnabled()), List.copyOf(r.alarmActions()), List.copyOf(r.okActions()),
                List.copyOf(r.insufficientDataActions()), r.unitAsString(), region.world().now());
        CloudWatchState state = CloudWatchState.of(region);
        Alarm existing = state.alarms.get(r.alarmName());
        if (existing == null) {
            state.alarms.put(r.alarmName(), new Alarm(config));
            state.record(AlarmHistory.created(config, config.updatedAt()));
        } else {
            existing.config = config; // AWS: "its state is left unchanged, but the update completely overwrites the configuration"
            state.record(AlarmHistory.updated(config, config.updatedAt()));
        }
        AlarmClock.ensureRunning(region);
        return PutMetricAlarmResponse.builder().build();
    }

    private static void validate(PutMetricAlarmRequest r) {
        CloudWatchService.required(r.alarmName(), "AlarmName");
        CloudWatchService.required(r.evaluationPeriods(), "EvaluationPeriods");
        CloudWatchService.required(r.comparisonOperatorAsString(), "ComparisonOperator");
        if (r.hasMetrics() && !r.metrics().isEmpty()) {
            throw AwsError.badRequest("InvalidParameterValue", "The drc simulator does not evaluate metric math alarms "
                    + "(parameter Metrics); give MetricName, Namespace and Statistic or ExtendedStatistic.");
        }
        CloudWatchService.required(r.metricName(), "MetricName");
        CloudWatchService.required(r.namespace(), "Namespace");
        CloudWatchService.required(r.threshold(), "Threshold");
        validateStatistic(r);
        validatePeriods(r);
        choice(r.comparisonOperatorAsString(), OPERATORS, "ComparisonOperator");
        if (r.treatMissingData() != null) {
            choice(r.treatMissingData(), MISSING_DATA, "TreatMissingData");
        }
    }

    private static void validateStatistic(PutMetricAlarmRequest r) {
        boolean basic = r.statisticAsString() != null;
        boolean extended = r.extendedStatistic() != null;
        if (basic == extended) {
            throw AwsError.badRequest("InvalidParameterCombination", basic
                    ? "The parameters Statistic and ExtendedStatistic are mutually exclusive; give one of them."
                    : "One of the parameters Statistic or ExtendedStatistic must be given.");
        }
        if (basic && !Statistics.NAMES.contains(r.statisticAsString())) {
            throw Statistics.unsupported(r.statisticAsString());
        }
        if (extended) {
            Statistics.requirePercentile(r.extendedStatistic(), "ExtendedStatistic");
        }
    }

    private static void validatePeriods(PutMetricAlarmRequest r) {
        Integer period = r.period();
        CloudWatchService.required(period, "Period");
        if (period != 10 && period != 30 && (period <= 0 || period % 60 != 0)) {
            throw AwsError.badRequest("InvalidParameterValue", "The parameter Period must be 10, 30 or a multiple of 60.");
        }
        if (r.evaluationPeriods() < 1 || r.datapointsToAlarm() != null
                && (r.datapointsToAlarm() < 1 || r.datapointsToAlarm() > r.evaluationPeriods())) {
            throw AwsError.badRequest("InvalidParameterValue",
                    "DatapointsToAlarm must be between 1 and EvaluationPeriods, and EvaluationPeriods at least 1.");
        }
        long span = (long) period * r.evaluationPeriods();
        long limit = period >= ONE_HOUR ? SEVEN_DAYS : ONE_DAY;
        if (span > limit) {
            throw AwsError.badRequest("InvalidParameterCombination", "Period multiplied by EvaluationPeriods must not"
                    + " exceed " + limit + " seconds (one day for periods under an hour, seven days otherwise); got " + span + ".");
        }
    }

    public DescribeAlarmsResponse describeAlarms(DescribeAlarmsRequest r, RegionState region) {
        boolean metricAlarms = r.alarmTypesAsStrings().isEmpty() || r.alarmTypesAsStrings().contains("MetricAlarm");
        List<MetricAlarm> matching = alarms(region)
                .filter(a -> metricAlarms)
                .filter(a -> r.alarmNames().isEmpty() || r.alarmNames().contains(a.config.name()))
                .filter(a -> r.alarmNamePrefix() == null || a.config.name().startsWith(r.alarmNamePrefix()))
                .filter(a -> r.actionPrefix() == null || a.config.alarmActions().stream().anyMatch(x -> x.startsWith(r.actionPrefix())))
                .filter(a -> r.stateValueAsString() == null || r.stateValueAsString().equals(a.state.value()))
                .map(AlarmOperations::toSdk)
                .toList();
        Pages.Page<MetricAlarm> page = Pages.page(matching, r.nextToken(), r.maxRecords(), DEFAULT_RECORDS, "InvalidNextToken");
        return DescribeAlarmsResponse.builder().metricAlarms(page.items()).nextToken(page.nextToken()).build();
    }

    public DescribeAlarmsForMetricResponse describeAlarmsForMetric(DescribeAlarmsForMetricRequest r, RegionState region) {
        CloudWatchService.required(r.metricName(), "MetricName");
        CloudWatchService.required(r.namespace(), "Namespace");
        List<MetricAlarm> matching = alarms(region)
                .filter(a -> a.config.metricName().equals(r.metricName()) && a.config.namespace().equals(r.namespace()))
                .filter(a -> !r.hasDimensions() || a.config.dimensions().equals(MetricDataOperations.dimensions(r.dimensions())))
                .filter(a -> r.statisticAsString() == null || r.statisticAsString().equals(a.config.statistic()))
                .filter(a -> r.extendedStatistic() == null || r.extendedStatistic().equals(a.config.extendedStatistic()))
                .filter(a -> r.period() == null || r.period() == a.config.period())
                .filter(a -> r.unitAsString() == null || r.unitAsString().equals(a.config.unit()))
                .map(AlarmOperations::toSdk)
                .toList();
        return DescribeAlarmsForMetricResponse.builder().metricAlarms(matching).build();
    }

    public DeleteAlarmsResponse deleteAlarms(DeleteAlarmsRequest r, RegionState region) {
        CloudWatchState state = CloudWatchState.of(region);
        List<String> unknown = r.alarmNames().stream().filter(n -> !state.alarms.containsKey(n)).toList();
        if (!unknown.isEmpty()) {
            throw new AwsError(404, "ResourceNotFound", unknown.size() + " alarm(s) not found: " + unknown);
        }
        for (String name : r.alarmNames()) {
            state.record(AlarmHistory.deleted(state.alarms.remove(name).config, region.world().now()));
        }
        return DeleteAlarmsResponse.builder().build();
    }

    private static Stream<Alarm> alarms(RegionState region) {
        return CloudWatchState.of(region).alarms.values().stream();
    }

    static MetricAlarm toSdk(Alarm alarm) {
        Alarm.Config c = alarm.config;
        return MetricAlarm.builder().alarmName(c.name()).alarmArn(c.arn()).alarmDescription(c.description())
                .alarmConfigurationUpdatedTimestamp(c.updatedAt()).actionsEnabled(c.actionsEnabled())
                .alarmActions(c.alarmActions()).okActions(c.okActions()).insufficientDataActions(c.insufficientDataActions())
                .stateValue(alarm.state.value()).stateReason(alarm.state.reason()).stateReasonData(alarm.state.reasonData())
                .stateUpdatedTimestamp(alarm.stateUpdatedAt).stateTransitionedTimestamp(alarm.stateUpdatedAt)
                .metricName(c.metricName()).namespace(c.namespace()).statistic(c.statistic())
                .extendedStatistic(c.extendedStatistic())
                .dimensions(MetricDataOperations.toSdk(c.dimensions())).period(c.period()).unit(c.unit())
                .evaluationPeriods(c.evaluationPeriods()).datapointsToAlarm(c.datapointsToAlarm()).threshold(c.threshold())
                .comparisonOperator(c.comparisonOperator()).treatMissingData(c.treatMissingData()).build();
    }

    static void choice(String value, Set<String> allowed, String name) {
        if (!allowed.contains(value)) {
            throw AwsError.badRequest("InvalidParameterValue", "The value " + value + " for parameter " + name
                    + " is not valid; valid values are " + allowed.stream().sorted().toList() + ".");
        }
    }
}
