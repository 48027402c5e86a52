package io.drc.controller.engine;

import io.drc.strategies.engine.ExecutionKind;
import io.drc.controller.db.RtoOutbox;
import io.drc.strategies.aws.AwsClients;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;
import software.amazon.awssdk.services.cloudwatch.model.StandardUnit;
import software.amazon.awssdk.services.cloudwatch.model.Statistic;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes executions' achieved RTO as {@code DRC/AchievedRTO} (dimensions Application, Strategy) in the region
 * that now serves — a drill's as {@code DRC/DrillRTO}, so that rehearsals and real recoveries stay apart — and says whether each met the strategy's target. The RTO is already stored with the execution;
 * what CloudWatch has not acknowledged stays in the {@link RtoOutbox} and goes out at the next call — after the next
 * recovered mark, at the runner's start and on its periodic sweep — so neither a CloudWatch that does not answer
 * nor a daemon killed just after the recovered mark loses the metric.
 */
public class RtoPublisher {
    public static final String NAMESPACE = "DRC";
    public static final String METRIC = "AchievedRTO";
    /** A drill's RTO: what a failover would have taken, measured on the drill's copies. */
    public static final String DRILL_METRIC = "DrillRTO";
    private static final Logger LOG = LoggerFactory.getLogger(RtoPublisher.class);

    private final AwsClients aws;
    private final String application;
    private final RtoOutbox outbox;
    private final Clock clock;

    public RtoPublisher(AwsClients aws, String application, RtoOutbox outbox, Clock clock) {
        this.aws = aws;
        this.application = application;
        this.outbox = outbox;
        this.clock = clock;
    }

    /**
     * Publishes every stored RTO CloudWatch has not acknowledged yet and no other daemon is publishing; one that
     * fails waits for the next call.
     */
    public synchronized void publishPending() {
        for (ExecutionRecord execution : outbox.pending()) {
            if (!outbox.claim(execution.id(), clock.instant())) {
                LOG.debug("execution {}: its RTO is being published by another daemon", execution.id());
            } else if (publish(execution)) {
                outbox.published(execution.id(), clock.instant());
            } else {
                outbox.release(execution.id());
            }
        }
    }

    /**
     * Look before acting: a daemon killed after CloudWatch took the datapoint but before its answer left it in the
     * outbox. A datapoint of this metric in the minute of this recovery is that one (two recoveries of one
     * application within a minute do not happen).
     */
    private boolean alreadyPublished(CloudWatchClient cloudWatch, ExecutionRecord execution) {
        Instant minute = execution.recoveredAt().truncatedTo(ChronoUnit.MINUTES);
        return !cloudWatch.getMetricStatistics(r -> r.namespace(NAMESPACE).metricName(metric(execution))
                .dimensions(dimensions(execution)).startTime(minute).endTime(minute.plus(1, ChronoUnit.MINUTES))
                .period(60).statistics(Statistic.SAMPLE_COUNT)).datapoints().isEmpty();
    }

    private static String metric(ExecutionRecord execution) {
        return execution.kind() == ExecutionKind.DRILL ? DRILL_METRIC : METRIC;
    }

    private List<Dimension> dimensions(ExecutionRecord execution) {
        return List.of(Dimension.builder().name("Application").value(application).build(),
                Dimension.builder().name("Strategy").value(execution.strategy()).build());
    }

    private boolean publish(ExecutionRecord execution) {
        Double rto = execution.rtoSeconds();
        Integer target = execution.rtoTargetSeconds();
        boolean met = target == null || rto <= target;
        (met ? LOG.atInfo() : LOG.atWarn()).log("execution {} ({} {}): recovered region {} serves after {} s; RTO target "
                + "{} s {}", execution.id(), execution.strategy(), execution.kind().wireName(), execution.targetRegion(),
                rto, target, met ? "met" : "MISSED");
        try {
            CloudWatchClient cloudWatch = aws.cloudWatch(execution.targetRegion());
            if (alreadyPublished(cloudWatch, execution)) {
                LOG.info("execution {}: {}/{} already in CloudWatch (sent by a daemon stopped before its answer)",
                        execution.id(), NAMESPACE, metric(execution));
                return true;
            }
            cloudWatch.putMetricData(r -> r.namespace(NAMESPACE).metricData(d -> d
                    .metricName(metric(execution)).unit(StandardUnit.SECONDS).value(rto).timestamp(execution.recoveredAt())
                    .dimensions(dimensions(execution))));
            return true;
        } catch (RuntimeException e) {
            LOG.warn("execution {}: could not publish {}/{} to CloudWatch in {}: {}; tried again later", execution.id(),
                    NAMESPACE, metric(execution), execution.targetRegion(), e.toString());
            return false;
        }
    }
}
