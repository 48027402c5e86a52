package io.drc.simulator.elbv2;

import io.drc.simulator.core.AwsError;
import io.drc.simulator.core.RegionState;
import java.util.List;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DeregisterTargetsRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DeregisterTargetsResponse;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DescribeTargetHealthRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DescribeTargetHealthResponse;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.RegisterTargetsRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.RegisterTargetsResponse;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetDescription;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetHealth;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetHealthDescription;

/** RegisterTargets, DeregisterTargets, DescribeTargetHealth. */
public final class TargetOperations {

    public RegisterTargetsResponse registerTargets(RegisterTargetsRequest request, RegionState region) {
        Elbv2State.of(region).targetGroup(request.targetGroupArn());
        requireTargets(request.targets());
        request.targets().forEach(t -> Elbv2Targets.register(region, request.targetGroupArn(), t.id(), t.port()));
        return RegisterTargetsResponse.builder().build();
    }

    public DeregisterTargetsResponse deregisterTargets(DeregisterTargetsRequest request, RegionState region) {
        Elbv2State.of(region).targetGroup(request.targetGroupArn());
        requireTargets(request.targets());
        request.targets().forEach(t -> Elbv2Targets.deregister(region, request.targetGroupArn(), t.id(), t.port()));
        return DeregisterTargetsResponse.builder().build();
    }

    private static void requireTargets(List<TargetDescription> targets) {
        if (targets.isEmpty() || targets.stream().anyMatch(t -> t.id() == null)) {
            throw AwsError.badRequest("ValidationError", "A target ID must be specified");
        }
    }

    public DescribeTargetHealthResponse describeTargetHealth(DescribeTargetHealthRequest request, RegionState region) {
        ElbTargetGroup group = Elbv2State.of(region).targetGroup(request.targetGroupArn());
        List<TargetHealthDescription> descriptions = request.targets().isEmpty()
                ? group.targets.values().stream().map(t -> describe(region, group, t)).toList()
                : request.targets().stream().map(t -> describe(region, group, t)).toList();
        return DescribeTargetHealthResponse.builder().targetHealthDescriptions(descriptions).build();
    }

    private static TargetHealthDescription describe(RegionState region, ElbTargetGroup group, TargetDescription asked) {
        int port = group.portOf(asked.port());
        ElbTarget target = group.targets.get(ElbTarget.key(asked.id(), port));
        if (target == null) {
            return description(group, asked.id(), port, new TargetHealthChecks.Health("unused", "Target.NotRegistered",
                    "Target is not registered to the target group"));
        }
        return describe(region, group, target);
    }

    private static TargetHealthDescription describe(RegionState region, ElbTargetGroup group, ElbTarget target) {
        return description(group, target.id, target.port, TargetHealthChecks.health(region, group, target));
    }

    private static TargetHealthDescription description(ElbTargetGroup group, String id, int port,
                                                       TargetHealthChecks.Health health) {
        String checkPort = group.healthCheck.port().equals("traffic-port") ? String.valueOf(port)
                : group.healthCheck.port();
        return TargetHealthDescription.builder()
                .target(TargetDescription.builder().id(id).port(port).build())
                .healthCheckPort(checkPort)
                .targetHealth(TargetHealth.builder().state(health.state()).reason(health.reason())
                        .description(health.description()).build())
                .build();
    }
}
