package io.drc.simulator.autoscaling;

import io.drc.simulator.core.AwsError;
import io.drc.simulator.core.RegionState;
import io.drc.simulator.ec2.Subnets;
import io.drc.simulator.elbv2.Elbv2State;
import java.util.List;
import java.util.UUID;
import software.amazon.awssdk.services.autoscaling.model.CreateAutoScalingGroupRequest;
import software.amazon.awssdk.services.autoscaling.model.CreateAutoScalingGroupResponse;
import software.amazon.awssdk.services.autoscaling.model.DeleteAutoScalingGroupRequest;
import software.amazon.awssdk.services.autoscaling.model.DeleteAutoScalingGroupResponse;

/** CreateAutoScalingGroup and DeleteAutoScalingGroup (capacity changes are in {@link CapacityOperations}). */
public final class GroupOperations {

    public CreateAutoScalingGroupResponse createAutoScalingGroup(CreateAutoScalingGroupRequest request,
                                                                 RegionState region) {
        String name = request.autoScalingGroupName();
        if (name == null) {
            throw AutoScalingErrors.required("autoScalingGroupName");
        }
        if (request.minSize() == null || request.maxSize() == null) {
            throw AutoScalingErrors.required(request.minSize() == null ? "minSize" : "maxSize");
        }
        AutoScalingState state = AutoScalingState.of(region);
        if (state.groups.containsKey(name)) {
            throw AwsError.badRequest("AlreadyExists", "AutoScalingGroup by this name already exists - A group with "
                    + "the name " + name + " already exists");
        }
        int desired = request.desiredCapacity() != null ? request.desiredCapacity() : request.minSize();
        AutoScalingErrors.requireBounds(request.minSize(), request.maxSize(), desired);
        requireTargetGroups(region, request.targetGroupARNs());
        UUID uuid = UUID.nameUUIDFromBytes((region.name() + name + region.world().now()).getBytes());
        AsgGroup group = new AsgGroup(name, region.arn("autoscaling", "autoScalingGroup:" + uuid
                + ":autoScalingGroupName/" + name), region.world().now(), zones(region, request),
                request.vpcZoneIdentifier());
        GroupLaunchTemplate.apply(region, group, request.launchTemplate());
        group.minSize = request.minSize();
        group.maxSize = request.maxSize();
        group.desiredCapacity = desired;
        group.targetGroupArns = List.copyOf(request.targetGroupARNs());
        request.tags().forEach(t -> group.tags.add(new AsgGroup.GroupTag(t.key(), t.value(),
                !Boolean.FALSE.equals(t.propagateAtLaunch()))));
        state.groups.put(name, group);
        GroupReconciler.reconcile(region, group, ScalingActivities.userRequest(region.world().now(),
                "created an AutoScalingGroup", 0, desired));
        return CreateAutoScalingGroupResponse.builder().build();
    }

    private static void requireTargetGroups(RegionState region, List<String> arns) {
        if (!arns.stream().allMatch(Elbv2State.of(region)::hasTargetGroup)) {
            throw AutoScalingErrors.validation("Provided Target Groups may not be valid. Please ensure they exist "
                    + "and try again.");
        }
    }

    /** The zones of the group's subnets ({@link Subnets}), or the zones it names. */
    private static List<String> zones(RegionState region, CreateAutoScalingGroupRequest request) {
        if (!request.availabilityZones().isEmpty()) {
            return request.availabilityZones();
        }
        if (request.vpcZoneIdentifier() == null || request.vpcZoneIdentifier().isBlank()) {
            throw AutoScalingErrors.validation("At least one Availability Zone or VPC Subnet is required.");
        }
        return Subnets.zones(region, List.of(request.vpcZoneIdentifier().split(","))).stream().distinct().toList();
    }

    public DeleteAutoScalingGroupResponse deleteAutoScalingGroup(DeleteAutoScalingGroupRequest request,
                                                                 RegionState region) {
        AutoScalingState state = AutoScalingState.of(region);
        AsgGroup group = state.group(request.autoScalingGroupName());
        if (group.instances.isEmpty()) {
            state.groups.remove(group.name);
            return DeleteAutoScalingGroupResponse.builder().build();
        }
        if (!Boolean.TRUE.equals(request.forceDelete())) {
            throw AwsError.badRequest("ResourceInUse", "You cannot delete an AutoScalingGroup while there are "
                    + "instances or pending Spot instance request(s) still in the group.");
        }
        String cause = ScalingActivities.userRequest(region.world().now(), "for deleting the AutoScalingGroup",
                group.desiredCapacity, 0);
        group.status = "Delete in progress";
        group.minSize = 0;
        group.desiredCapacity = 0;
        group.instances.values().stream().filter(AsgInstance::counts).toList()
                .forEach(i -> GroupReconciler.terminate(region, group, i, cause));
        return DeleteAutoScalingGroupResponse.builder().build();
    }
}
