package io.drc.simulator.autoscaling;

import io.drc.simulator.core.AwsError;
import io.drc.simulator.core.Pages;
import io.drc.simulator.core.RegionState;
import java.util.List;
import java.util.Locale;
import software.amazon.awssdk.services.autoscaling.model.AutoScalingGroup;
import software.amazon.awssdk.services.autoscaling.model.AutoScalingInstanceDetails;
import software.amazon.awssdk.services.autoscaling.model.DescribeAutoScalingGroupsRequest;
import software.amazon.awssdk.services.autoscaling.model.DescribeAutoScalingGroupsResponse;
import software.amazon.awssdk.services.autoscaling.model.DescribeAutoScalingInstancesRequest;
import software.amazon.awssdk.services.autoscaling.model.DescribeAutoScalingInstancesResponse;
import software.amazon.awssdk.services.autoscaling.model.Instance;
import software.amazon.awssdk.services.autoscaling.model.LaunchTemplateSpecification;
import software.amazon.awssdk.services.autoscaling.model.TagDescription;

/** DescribeAutoScalingGroups and DescribeAutoScalingInstances (NextToken/MaxRecords, at most 100 a page). */
public final class GroupQueries {
    private static final int DEFAULT_PAGE = 50;
    private static final int MAX_PAGE = 100;

    public DescribeAutoScalingGroupsResponse describeAutoScalingGroups(DescribeAutoScalingGroupsRequest request,
                                                                       RegionState region) {
        List<AsgGroup> selected = AutoScalingState.of(region).groups.values().stream()
                .filter(g -> request.autoScalingGroupNames().isEmpty()
                        || request.autoScalingGroupNames().contains(g.name))
                .toList();
        Pages.Page<AsgGroup> page = page(selected, request.nextToken(), request.maxRecords());
        return DescribeAutoScalingGroupsResponse.builder().nextToken(page.nextToken())
                .autoScalingGroups(page.items().stream().map(GroupQueries::view).toList()).build();
    }

    public DescribeAutoScalingInstancesResponse describeAutoScalingInstances(
            DescribeAutoScalingInstancesRequest request, RegionState region) {
        List<AutoScalingInstanceDetails> all = AutoScalingState.of(region).groups.values().stream()
                .flatMap(g -> g.instances.values().stream().map(i -> details(g, i)))
                .filter(d -> request.instanceIds().isEmpty() || request.instanceIds().contains(d.instanceId()))
                .toList();
        Pages.Page<AutoScalingInstanceDetails> page = page(all, request.nextToken(), request.maxRecords());
        return DescribeAutoScalingInstancesResponse.builder().nextToken(page.nextToken())
                .autoScalingInstances(page.items()).build();
    }

    private static <T> Pages.Page<T> page(List<T> items, String token, Integer maxRecords) {
        if (maxRecords != null && (maxRecords < 1 || maxRecords > MAX_PAGE)) {
            throw AwsError.badRequest("ValidationError", "1 validation error detected: Value '" + maxRecords
                    + "' at 'maxRecords' failed to satisfy constraint: Member must have value less than or equal to "
                    + MAX_PAGE);
        }
        return Pages.page(items, token, maxRecords, DEFAULT_PAGE, "InvalidNextToken");
    }

    private static AutoScalingGroup view(AsgGroup g) {
        return AutoScalingGroup.builder().autoScalingGroupName(g.name).autoScalingGroupARN(g.arn)
                .launchTemplate(LaunchTemplateSpecification.builder().launchTemplateId(g.launchTemplateId)
                        .launchTemplateName(g.launchTemplateName).version(g.launchTemplateVersion).build())
                .minSize(g.minSize).maxSize(g.maxSize).desiredCapacity(g.desiredCapacity).defaultCooldown(300)
                .availabilityZones(g.availabilityZones).loadBalancerNames(List.of()).targetGroupARNs(g.targetGroupArns)
                .healthCheckType("EC2").healthCheckGracePeriod(300).createdTime(g.createdAt)
                .vpcZoneIdentifier(g.vpcZoneIdentifier).status(g.status).suspendedProcesses(List.of())
                .enabledMetrics(List.of()).terminationPolicies("Default").newInstancesProtectedFromScaleIn(false)
                .instances(g.instances.values().stream().map(i -> Instance.builder().instanceId(i.instanceId)
                        .instanceType(i.instanceType).availabilityZone(i.availabilityZone)
                        .lifecycleState(i.lifecycleState).healthStatus(i.healthStatus).protectedFromScaleIn(false)
                        .launchTemplate(template(i)).build()).toList())
                .tags(g.tags.stream().map(t -> TagDescription.builder().resourceId(g.name)
                        .resourceType("auto-scaling-group").key(t.key()).value(t.value())
                        .propagateAtLaunch(t.propagateAtLaunch()).build()).toList())
                .serviceLinkedRoleARN("arn:aws:iam::123456789012:role/aws-service-role/autoscaling.amazonaws.com/"
                        + "AWSServiceRoleForAutoScaling")
                .build();
    }

    private static LaunchTemplateSpecification template(AsgInstance i) {
        return LaunchTemplateSpecification.builder().launchTemplateId(i.launchTemplateId)
                .launchTemplateName(i.launchTemplateName).version(i.launchTemplateVersion).build();
    }

    private static AutoScalingInstanceDetails details(AsgGroup g, AsgInstance i) {
        return AutoScalingInstanceDetails.builder().instanceId(i.instanceId).instanceType(i.instanceType)
                .autoScalingGroupName(g.name).availabilityZone(i.availabilityZone).lifecycleState(i.lifecycleState)
                .healthStatus(i.healthStatus.toUpperCase(Locale.ROOT)).protectedFromScaleIn(false)
                .launchTemplate(template(i)).build();
    }
}
