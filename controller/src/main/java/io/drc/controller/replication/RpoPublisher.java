package io.drc.controller.replication;

import io.drc.strategies.aws.AwsClients;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;
import software.amazon.awssdk.services.cloudwatch.model.MetricDatum;
import software.amazon.awssdk.services.cloudwatch.model.StandardUnit;

/**
 * Publishes {@code DRC/AchievedRPO} (seconds; dimensions Application, Resource) in the DR region. The alarms on it
 * are kept by {@link AlarmReconciler}, on its own thread: replication never waits for them.
 */
public final class RpoPublisher {
    public static final String NAMESPACE = "DRC";
    public static final String METRIC = "AchievedRPO";
    private static final Logger LOG = LoggerFactory.getLogger(RpoPublisher.class);
    private static final int MAX_DATUMS = 1000;

    private final AwsClients aws;
    private final ReplicationContext context;

    public RpoPublisher(AwsClients aws, ReplicationContext context) {
        this.aws = aws;
        this.context = context;
    }

    public void publish(List<RpoMeasurement> measurements) {
        CloudWatchClient cloudWatch = aws.cloudWatch(context.drRegion());
        List<MetricDatum> data = measurements.stream().filter(m -> m.rpoSeconds() != null)
                .map(m -> MetricDatum.builder().metricName(METRIC).unit(StandardUnit.SECONDS).value(m.rpoSeconds())
                        .timestamp(m.measuredAt()).dimensions(dimensions(context.application(), m.resourceId())).build())
                .toList();
        try {
            for (int i = 0; i < data.size(); i += MAX_DATUMS) {
                List<MetricDatum> batch = data.subList(i, Math.min(data.size(), i + MAX_DATUMS));
                cloudWatch.putMetricData(r -> r.namespace(NAMESPACE).metricData(batch));
            }
        } catch (RuntimeException e) {
            LOG.warn("cannot publish RPO to CloudWatch in {}: {}", context.drRegion(), e.getMessage());
        }
    }

    public static String alarmName(String application, String resourceId) {
        return AlarmReconciler.alarmName(application, resourceId);
    }

    static List<Dimension> dimensions(String application, String resourceId) {
        return List.of(Dimension.builder().name("Application").value(application).build(),
                Dimension.builder().name("Resource").value(resourceId).build());
    }
}
