package io.drc.controller.core;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.MetricAlarm;
import software.amazon.awssdk.services.cloudwatch.model.PutMetricAlarmRequest;

/**
 * Keeps drc's CloudWatch alarms as configuration says: one {@code DescribeAlarms} by name prefix, then
 * {@code PutMetricAlarm} only for an alarm that is missing or differs in what it judges (metric, threshold,
 * comparison, period, evaluation periods, missing data) — an alarm left as it is keeps its state and history.
 */
public final class CloudWatchAlarms {
    private static final Logger LOG = LoggerFactory.getLogger(CloudWatchAlarms.class);

    private CloudWatchAlarms() {
    }

    /** {@code wanted}: every alarm's name starts with {@code prefix}. */
    public static void ensure(CloudWatchClient cloudWatch, String prefix, List<PutMetricAlarmRequest> wanted) {
        Map<String, MetricAlarm> existing = new HashMap<>();
        cloudWatch.describeAlarmsPaginator(r -> r.alarmNamePrefix(prefix)).metricAlarms()
                .forEach(a -> existing.put(a.alarmName(), a));
        for (PutMetricAlarmRequest alarm : wanted) {
            MetricAlarm seen = existing.get(alarm.alarmName());
            if (seen == null || !same(seen, alarm)) {
                cloudWatch.putMetricAlarm(alarm);
                LOG.info("CloudWatch alarm {} {}", alarm.alarmName(), seen == null ? "created" : "updated");
            }
        }
    }

    private static boolean same(MetricAlarm seen, PutMetricAlarmRequest wanted) {
        return Objects.equals(seen.metricName(), wanted.metricName())
                && Objects.equals(seen.threshold(), wanted.threshold())
                && Objects.equals(seen.comparisonOperator(), wanted.comparisonOperator())
                && Objects.equals(seen.period(), wanted.period())
                && Objects.equals(seen.evaluationPeriods(), wanted.evaluationPeriods())
                && Objects.equals(seen.treatMissingData(), wanted.treatMissingData());
    }
}
