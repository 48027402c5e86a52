package io.drc.controller.replication;

import io.drc.controller.core.CloudWatchAlarms;
import io.drc.strategies.aws.AwsClients;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.ComparisonOperator;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;
import software.amazon.awssdk.services.cloudwatch.model.MetricDatum;
import software.amazon.awssdk.services.cloudwatch.model.PutMetricAlarmRequest;
import software.amazon.awssdk.services.cloudwatch.model.StandardUnit;
import software.amazon.awssdk.services.cloudwatch.model.Statistic;

/**
 * Publishes {@code DRC/AchievedRPO} (seconds; dimensions Application, Resource) in the DR region, and keeps one
 * alarm per resource: threshold = the resource's target, missing data = breaching (a resource drc cannot
 * measure is not a resource that is fine).
 */
public final class RpoPublisher {
    public static final String NAMESPACE = "DRC";
    public static final String METRIC = "AchievedRPO";
    private static final Logger LOG = LoggerFactory.getLogger(RpoPublisher.class);
    private static final int MAX_DATUMS = 1000;

    private final AwsClients aws;
    private final ReplicationContext context;
    private volatile boolean alarmsInPlace;

    public RpoPublisher(AwsClients aws, ReplicationContext context) {
        this.aws = aws;
        this.context = context;
    }

    public void publish(List<RpoMeasurement> measurements) {
        CloudWatchClient cloudWatch = aws.cloudWatch(context.drRegion());
        List<MetricDatum> data = measurements.stream().filter(m -> m.rpoSeconds() != null)
                .map(m -> MetricDatum.builder().metricName(METRIC).unit(StandardUnit.SECONDS).value(m.rpoSeconds())
                        .timestamp(m.measuredAt()).dimensions(dimensions(m.resourceId())).build())
                .toList();
        try {
            for (int i = 0; i < data.size(); i += MAX_DATUMS) {
                List<MetricDatum> batch = data.subList(i, Math.min(data.size(), i + MAX_DATUMS));
                cloudWatch.putMetricData(r -> r.namespace(NAMESPACE).metricData(batch));
            }
            if (!alarmsInPlace) {
                ensureAlarms(cloudWatch);
                alarmsInPlace = true;
            }
        } catch (RuntimeException e) {
            LOG.warn("cannot publish RPO to CloudWatch in {}: {}", context.drRegion(), e.getMessage());
        }
    }

    /** Asks for the alarms to be checked again on the next publication (e.g. after someone edited them). */
    public void recheckAlarms() {
        alarmsInPlace = false;
    }

    public static String alarmName(String application, String resourceId) {
        return "drc-" + application + "-" + resourceId + "-rpo";
    }

    private void ensureAlarms(CloudWatchClient cloudWatch) {
        CloudWatchAlarms.ensure(cloudWatch, "drc-" + context.application() + "-", context.resources().stream()
                .map(resource -> PutMetricAlarmRequest.builder().alarmName(alarmName(context.application(), resource.id()))
                        .alarmDescription("drc: achieved RPO of " + resource.id() + " above its target of "
                                + resource.rpoTargetSeconds() + " s")
                        .namespace(NAMESPACE).metricName(METRIC).dimensions(dimensions(resource.id()))
                        .statistic(Statistic.MAXIMUM).period(60).evaluationPeriods(1)
                        .threshold((double) resource.rpoTargetSeconds())
                        .comparisonOperator(ComparisonOperator.GREATER_THAN_THRESHOLD)
                        .treatMissingData("breaching").build())
                .toList());
    }

    private List<Dimension> dimensions(String resourceId) {
        return List.of(Dimension.builder().name("Application").value(context.application()).build(),
                Dimension.builder().name("Resource").value(resourceId).build());
    }
}
