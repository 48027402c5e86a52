package io.drc.controller.engine;

import io.drc.strategies.aws.AwsClients;
import software.amazon.awssdk.services.cloudwatch.model.StandardUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes an execution's achieved RTO as {@code DRC/AchievedRTO} (dimensions Application, Strategy) in the
 * region that now serves, and says whether it met the strategy's target. Best effort: the RTO is already stored
 * with the execution; a CloudWatch that does not answer is logged, not retried.
 */
public class RtoPublisher {
    public static final String NAMESPACE = "DRC";
    public static final String METRIC = "AchievedRTO";
    private static final Logger LOG = LoggerFactory.getLogger(RtoPublisher.class);

    private final AwsClients aws;
    private final String application;

    public RtoPublisher(AwsClients aws, String application) {
        this.aws = aws;
        this.application = application;
    }

    public void publish(ExecutionRecord execution) {
        Double rto = execution.rtoSeconds();
        Integer target = execution.rtoTargetSeconds();
        boolean met = target == null || rto <= target;
        (met ? LOG.atInfo() : LOG.atWarn()).log("execution {} ({} {}): recovered region {} serves after {} s; RTO target "
                + "{} s {}", execution.id(), execution.strategy(), execution.kind().wireName(), execution.targetRegion(),
                rto, target, met ? "met" : "MISSED");
        try {
            aws.cloudWatch(execution.targetRegion()).putMetricData(r -> r.namespace(NAMESPACE).metricData(d -> d
                    .metricName(METRIC).unit(StandardUnit.SECONDS).value(rto).timestamp(execution.recoveredAt())
                    .dimensions(x -> x.name("Application").value(application),
                            x -> x.name("Strategy").value(execution.strategy()))));
        } catch (RuntimeException e) {
            LOG.warn("execution {}: could not publish {}/{} to CloudWatch in {}: {}", execution.id(), NAMESPACE, METRIC,
                    execution.targetRegion(), e.toString());
        }
    }
}
