package io.drc.controller.rto;

import io.drc.controller.api.RtoStatus;
import io.drc.controller.engine.RtoPublisher;
import io.drc.strategies.aws.AwsClients;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.cloudwatch.model.ComparisonOperator;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;
import software.amazon.awssdk.services.cloudwatch.model.MetricDatum;
import software.amazon.awssdk.services.cloudwatch.model.PutMetricAlarmRequest;
import software.amazon.awssdk.services.cloudwatch.model.StandardUnit;
import software.amazon.awssdk.services.cloudwatch.model.Statistic;

/**
 * Publishes RTO compliance to CloudWatch in the DR region (namespace {@code DRC}, dimensions Application and
 * Strategy, as {@code DRC/DrillRTO}): {@code DrillAgeSeconds} (since the last passing drill ended) and
 * {@code PredictedRTO}; and says which three alarms go with them ({@link #alarms}, kept by the RPO alarms'
 * reconciler):
 * <ul>
 * <li>{@code drc-<application>-drill-rto}: {@code DrillRTO} above the target. Missing data keeps the state — the
 *     metric comes once per drill, so a slow drill's alarm lasts until a drill within the target;
 * <li>{@code drc-<application>-drill-age}: {@code DrillAgeSeconds} above {@code drills.maxAge}. Missing data is
 *     breaching: no passing drill at all (or no daemon publishing) is no evidence the RTO holds;
 * <li>{@code drc-<application>-predicted-rto}: {@code PredictedRTO} above the target; missing data keeps the state
 *     (without a passing drill there is nothing to predict from, and the drill-age alarm says so).
 * </ul>
 */
public final class RtoMetrics {
    public static final String AGE_METRIC = "DrillAgeSeconds";
    public static final String PREDICTED_METRIC = "PredictedRTO";
    private static final Logger LOG = LoggerFactory.getLogger(RtoMetrics.class);

    private final AwsClients aws;
    private final String drRegion;
    private final List<Dimension> dimensions;
    private final String application;
    private final int agePeriodSeconds;
    private final Integer targetSeconds;
    private final Duration maxAge;

    /**
     * {@code measureInterval}: how often the age and the prediction are published; their alarms judge the maximum
     * over 5 minutes, or twice the interval if longer, so that one late measurement is not missing data.
     */
    public RtoMetrics(AwsClients aws, String application, String strategy, String drRegion, Duration measureInterval,
                      Integer targetSeconds, Duration maxAge) {
        this.targetSeconds = targetSeconds;
        this.maxAge = maxAge;
        this.aws = aws;
        this.application = application;
        this.drRegion = drRegion;
        this.dimensions = List.of(Dimension.builder().name("Application").value(application).build(),
                Dimension.builder().name("Strategy").value(strategy).build());
        this.agePeriodSeconds = (int) Math.max(300, (measureInterval.toSeconds() * 2 + 59) / 60 * 60);
    }

    public static String alarmName(String application, String what) {
        return "drc-" + application + "-" + what;
    }

    public void publish(RtoStatus status, Instant at) {
        List<MetricDatum> data = new ArrayList<>();
        if (status.lastDrill() != null) {
            data.add(datum(AGE_METRIC, status.lastDrill().ageSeconds(), at));
        }
        if (status.predictedSeconds() != null) {
            data.add(datum(PREDICTED_METRIC, status.predictedSeconds(), at));
        }
        if (data.isEmpty()) {
            return;
        }
        try {
            aws.cloudWatch(drRegion).putMetricData(r -> r.namespace(RtoPublisher.NAMESPACE).metricData(data));
        } catch (RuntimeException e) {
            LOG.warn("cannot publish RTO compliance to CloudWatch in {}: {}", drRegion, e.getMessage());
        }
    }

    private MetricDatum datum(String metric, double value, Instant at) {
        return MetricDatum.builder().metricName(metric).unit(StandardUnit.SECONDS).value(value).timestamp(at)
                .dimensions(dimensions).build();
    }

    /** The alarms on these metrics and on {@code DRC/DrillRTO}. */
    public List<PutMetricAlarmRequest> alarms() {
        double target = targetSeconds == null ? Double.MAX_VALUE : targetSeconds;
        return List.of(
                alarm("drill-rto", RtoPublisher.DRILL_METRIC, target, 60, "ignore",
                        "drc: a drill's RTO above the target of " + targetSeconds + " s"),
                alarm("drill-age", AGE_METRIC, maxAge.toSeconds(), agePeriodSeconds, "breaching",
                        "drc: no drill has passed within drills.maxAge (" + maxAge.toSeconds() + " s)"),
                alarm("predicted-rto", PREDICTED_METRIC, target, agePeriodSeconds, "ignore",
                        "drc: the predicted RTO of a failover now is above the target of " + targetSeconds + " s"));
    }

    private PutMetricAlarmRequest alarm(String what, String metric, double threshold, int period, String missing,
                                        String description) {
        return PutMetricAlarmRequest.builder().alarmName(alarmName(application, what)).alarmDescription(description)
                .namespace(RtoPublisher.NAMESPACE).metricName(metric).dimensions(dimensions)
                .statistic(Statistic.MAXIMUM).period(period).evaluationPeriods(1).threshold(threshold)
                .comparisonOperator(ComparisonOperator.GREATER_THAN_THRESHOLD).treatMissingData(missing).build();
    }
}
