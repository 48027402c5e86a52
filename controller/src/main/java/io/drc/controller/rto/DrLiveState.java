package io.drc.controller.rto;

import io.drc.controller.config.RecoveryConfig.AutoScalingGroupConfig;
import io.drc.strategies.aws.AwsClients;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.autoscaling.model.AutoScalingGroup;

/**
 * Reads what a failover would start from in the DR region, read-only: how many instances each configured DR group
 * has InService and healthy ({@code DescribeAutoScalingGroups}), and the replica's lag as the RPO measurement last
 * saw it. A group that cannot be read counts as not at full load: the prediction then includes the launch.
 */
public final class DrLiveState implements Supplier<PredictedRto.LiveState> {
    private static final Logger LOG = LoggerFactory.getLogger(DrLiveState.class);

    private final AwsClients aws;
    private final String drRegion;
    private final List<AutoScalingGroupConfig> groups;
    private final Supplier<Double> replicaLagSeconds;

    public DrLiveState(AwsClients aws, String drRegion, List<AutoScalingGroupConfig> groups,
                       Supplier<Double> replicaLagSeconds) {
        this.aws = aws;
        this.drRegion = drRegion;
        this.groups = List.copyOf(groups);
        this.replicaLagSeconds = replicaLagSeconds;
    }

    @Override
    public PredictedRto.LiveState get() {
        return new PredictedRto.LiveState(replicaLagSeconds.get(), atFullLoad());
    }

    private boolean atFullLoad() {
        if (groups.isEmpty()) {
            return true;
        }
        try {
            Map<String, Long> inService = aws.autoScaling(drRegion).describeAutoScalingGroups(r -> r
                            .autoScalingGroupNames(groups.stream().map(AutoScalingGroupConfig::name).toList()))
                    .autoScalingGroups().stream().collect(Collectors.toMap(AutoScalingGroup::autoScalingGroupName,
                            g -> g.instances().stream().filter(i -> "InService".equals(i.lifecycleStateAsString())
                                    && "Healthy".equals(i.healthStatus())).count()));
            return groups.stream().allMatch(g -> inService.getOrDefault(g.name(), 0L) >= g.fullLoad());
        } catch (RuntimeException e) {
            LOG.warn("cannot read the DR groups' sizes in {} for the predicted RTO: {}", drRegion, e.getMessage());
            return false;
        }
    }
}
