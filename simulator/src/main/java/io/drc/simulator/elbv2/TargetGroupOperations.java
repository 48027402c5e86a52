package io.drc.simulator.elbv2;

import io.drc.simulator.core.AwsError;
import io.drc.simulator.core.Pages;
import io.drc.simulator.core.RegionState;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.CreateTargetGroupRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.CreateTargetGroupResponse;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DeleteTargetGroupRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DeleteTargetGroupResponse;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DescribeTargetGroupsRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DescribeTargetGroupsResponse;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Matcher;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroup;

/**
 * CreateTargetGroup (idempotent for the same name and settings), DescribeTargetGroups (Marker/PageSize, or those a
 * load balancer uses), DeleteTargetGroup (refused while a listener forwards to the group).
 */
public final class TargetGroupOperations {
    private static final Pattern NAME = Pattern.compile("[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,30}[a-zA-Z0-9])?");

    public CreateTargetGroupResponse createTargetGroup(CreateTargetGroupRequest request, RegionState region) {
        String name = request.name();
        if (name == null || !NAME.matcher(name).matches()) {
            throw AwsError.badRequest("ValidationError", "Target group name '" + name + "' can have a maximum of 32 "
                    + "characters, can contain only alphanumeric characters or hyphens, and must not begin or end "
                    + "with a hyphen");
        }
        String targetType = request.targetTypeAsString() != null ? request.targetTypeAsString() : "instance";
        if (!targetType.equals("lambda")) {
            require(request.protocolAsString(), "A protocol must be specified");
            require(request.port(), "A port must be specified");
            require(request.vpcId(), "A VPC ID must be specified");
        }
        Elbv2State elb = Elbv2State.of(region);
        ElbTargetGroup existing = elb.targetGroups.values().stream().filter(g -> g.name.equals(name)).findFirst()
                .orElse(null);
        if (existing != null) {
            if (!sameSettings(existing, request, targetType)) {
                throw AwsError.badRequest("DuplicateTargetGroupName", "A target group with the same name '" + name
                        + "' exists, but with different settings");
            }
            return CreateTargetGroupResponse.builder().targetGroups(view(existing, elb)).build();
        }
        String suffix = region.world().ids().next("tg");
        String arn = region.arn("elasticloadbalancing", "targetgroup/" + name + "/"
                + suffix.substring(suffix.length() - 16));
        ElbTargetGroup group = new ElbTargetGroup(arn, name, request.protocolAsString(), request.port(),
                request.vpcId(), targetType, healthCheck(request), region.world().now());
        request.tags().forEach(t -> group.tags.put(t.key(), t.value()));
        elb.targetGroups.put(arn, group);
        return CreateTargetGroupResponse.builder().targetGroups(view(group, elb)).build();
    }

    private static void require(Object value, String message) {
        if (value == null) {
            throw AwsError.badRequest("ValidationError", message);
        }
    }

    private static boolean sameSettings(ElbTargetGroup g, CreateTargetGroupRequest r, String targetType) {
        return Objects.equals(g.protocol, r.protocolAsString()) && Objects.equals(g.port, r.port())
                && Objects.equals(g.vpcId, r.vpcId()) && g.targetType.equals(targetType);
    }

    private static ElbTargetGroup.HealthCheck healthCheck(CreateTargetGroupRequest r) {
        return new ElbTargetGroup.HealthCheck(
                r.healthCheckProtocolAsString() != null ? r.healthCheckProtocolAsString() : "HTTP",
                r.healthCheckPort() != null ? r.healthCheckPort() : "traffic-port",
                r.healthCheckPath() != null ? r.healthCheckPath() : "/",
                r.healthCheckIntervalSeconds() != null ? r.healthCheckIntervalSeconds() : 30,
                r.healthCheckTimeoutSeconds() != null ? r.healthCheckTimeoutSeconds() : 5,
                r.healthyThresholdCount() != null ? r.healthyThresholdCount() : 5,
                r.unhealthyThresholdCount() != null ? r.unhealthyThresholdCount() : 2);
    }

    public DescribeTargetGroupsResponse describeTargetGroups(DescribeTargetGroupsRequest request, RegionState region) {
        Elbv2State elb = Elbv2State.of(region);
        if (request.loadBalancerArn() != null) {
            elb.loadBalancer(request.loadBalancerArn());
        }
        List<ElbTargetGroup> selected = elb.targetGroups.values().stream()
                .filter(g -> request.loadBalancerArn() == null || elb.loadBalancers.get(request.loadBalancerArn())
                        .forwardsTo(g.arn))
                .filter(g -> request.names().isEmpty() || request.names().contains(g.name))
                .filter(g -> request.targetGroupArns().isEmpty() || request.targetGroupArns().contains(g.arn))
                .toList();
        int asked = request.names().size() + request.targetGroupArns().size();
        if (asked > 0 && selected.size() < asked) {
            throw Elbv2State.notFound();
        }
        Pages.Page<ElbTargetGroup> page = Pages.page(selected, request.marker(), pageSize(request.pageSize()), 400,
                "ValidationError");
        return DescribeTargetGroupsResponse.builder().nextMarker(page.nextToken())
                .targetGroups(page.items().stream().map(g -> view(g, elb)).toList()).build();
    }

    /** ELBv2's Describe calls take PageSize 1..400. */
    static Integer pageSize(Integer asked) {
        if (asked != null && (asked < 1 || asked > 400)) {
            throw AwsError.badRequest("ValidationError", "Page size must be between 1 and 400");
        }
        return asked;
    }

    public DeleteTargetGroupResponse deleteTargetGroup(DeleteTargetGroupRequest request, RegionState region) {
        Elbv2State elb = Elbv2State.of(region);
        if (!elb.using(request.targetGroupArn()).isEmpty()) {
            throw AwsError.badRequest("ResourceInUse", "Target group '" + request.targetGroupArn()
                    + "' is currently in use by a listener or a rule");
        }
        elb.targetGroups.remove(request.targetGroupArn());
        return DeleteTargetGroupResponse.builder().build();
    }

    private static TargetGroup view(ElbTargetGroup g, Elbv2State elb) {
        ElbTargetGroup.HealthCheck hc = g.healthCheck;
        return TargetGroup.builder().targetGroupArn(g.arn).targetGroupName(g.name).protocol(g.protocol).port(g.port)
                .vpcId(g.vpcId).targetType(g.targetType).healthCheckEnabled(true).healthCheckProtocol(hc.protocol())
                .healthCheckPort(hc.port()).healthCheckPath(hc.path())
                .healthCheckIntervalSeconds(hc.intervalSeconds()).healthCheckTimeoutSeconds(hc.timeoutSeconds())
                .healthyThresholdCount(hc.healthyThreshold()).unhealthyThresholdCount(hc.unhealthyThreshold())
                .matcher(Matcher.builder().httpCode("200").build())
                .loadBalancerArns(elb.using(g.arn).stream().map(lb -> lb.arn).toList())
                .protocolVersion(g.protocol != null && g.protocol.startsWith("HTTP") ? "HTTP1" : null)
                .ipAddressType("ipv4").build();
    }
}
