package io.drc.controller.replication;

import io.drc.strategies.aws.AwsClients;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;
import software.amazon.awssdk.services.cloudwatch.model.MetricDatum;
import software.amazon.awssdk.services.cloudwatch.model.StandardUnit;

/**
 * Publishes {@code DRC/AchievedRPO} and {@code DRC/PredictedRPO} (the RPO a resource is predicted to reach when its
 * next copy completes; seconds; dimensions Application, Resource) in the DR region. The alarms on AchievedRPO are
 * kept by {@link AlarmReconciler}, on its own thread: replication never waits for them.
 */
public final class RpoPublisher {
    public static final String NAMESPACE = "DRC";
    public static final String METRIC = "AchievedRPO";
    public static final String PREDICTED = "PredictedRPO";
    private static final Logger LOG = LoggerFactory.getLogger(RpoPublisher.class);
    private static final int MAX_DATUMS = 1000;

    private final AwsClients aws;
    private final ReplicationContext context;

    public RpoPublisher(AwsClients aws, ReplicationContext context) {
        this.aws = aws;
        this.context = context;
    }

    public void publish(List<RpoMeasurement> measurements, Map<String, Double> predicted) {
        CloudWatchClient cloudWatch = aws.cloudWatch(context.drRegion());
        List<MetricDatum> data = new ArrayList<>();
        for (RpoMeasurement m : measurements) {
            if (m.rpoSeconds() != null) {
                data.add(datum(METRIC, m.resourceId(), m.rpoSeconds(), m.measuredAt()));
            }
            Double forecast = predicted.get(m.resourceId());
            if (forecast != null) {
                data.add(datum(PREDICTED, m.resourceId(), forecast, m.measuredAt()));
            }
        }
        try {
            for (int i = 0; i < data.size(); i += MAX_DATUMS) {
                List<MetricDatum> batch = data.subList(i, Math.min(data.size(), i + MAX_DATUMS));
                cloudWatch.putMetricData(r -> r.namespace(NAMESPACE).metricData(batch));
            }
        } catch (RuntimeException e) {
            LOG.warn("cannot publish RPO to CloudWatch in {}: {}", context.drRegion(), e.getMessage());
        }
    }

    private MetricDatum datum(String metric, String resourceId, double seconds, java.time.Instant at) {
        return MetricDatum.builder().metricName(metric).unit(StandardUnit.SECONDS).value(seconds).timestamp(at)
                .dimensions(dimensions(context.application(), resourceId)).build();
    }

    public static String alarmName(String application, String resourceId) {
        return AlarmReconciler.alarmName(application, resourceId);
    }

    static List<Dimension> dimensions(String application, String resourceId) {
        return List.of(Dimension.builder().name("Application").value(application).build(),
                Dimension.builder().name("Resource").value(resourceId).build());
    }
}
