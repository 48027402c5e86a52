package io.drc.simulator.autoscaling;

import io.drc.simulator.core.RegionState;
import software.amazon.awssdk.services.autoscaling.model.SetDesiredCapacityRequest;
import software.amazon.awssdk.services.autoscaling.model.SetDesiredCapacityResponse;
import software.amazon.awssdk.services.autoscaling.model.UpdateAutoScalingGroupRequest;
import software.amazon.awssdk.services.autoscaling.model.UpdateAutoScalingGroupResponse;

/** UpdateAutoScalingGroup and SetDesiredCapacity; the group then reconciles to its new desired capacity. */
public final class CapacityOperations {

    public UpdateAutoScalingGroupResponse updateAutoScalingGroup(UpdateAutoScalingGroupRequest request,
                                                                 RegionState region) {
        AsgGroup group = AutoScalingState.of(region).group(request.autoScalingGroupName());
        int min = request.minSize() != null ? request.minSize() : group.minSize;
        int max = request.maxSize() != null ? request.maxSize() : group.maxSize;
        int desired = request.desiredCapacity() != null ? request.desiredCapacity()
                : Math.min(max, Math.max(min, group.desiredCapacity)); // AWS moves desired into new bounds
        AutoScalingErrors.requireBounds(min, max, desired);
        if (request.launchTemplate() != null) {
            GroupLaunchTemplate.apply(region, group, request.launchTemplate());
        }
        String cause = ScalingActivities.userRequest(region.world().now(), "update of AutoScalingGroup constraints to "
                + "min: " + min + ", max: " + max + ", desired: " + desired, group.desiredCapacity, desired);
        group.minSize = min;
        group.maxSize = max;
        group.desiredCapacity = desired;
        GroupReconciler.reconcile(region, group, cause);
        return UpdateAutoScalingGroupResponse.builder().build();
    }

    public SetDesiredCapacityResponse setDesiredCapacity(SetDesiredCapacityRequest request, RegionState region) {
        AsgGroup group = AutoScalingState.of(region).group(request.autoScalingGroupName());
        Integer desired = request.desiredCapacity();
        if (desired == null) {
            throw AutoScalingErrors.required("desiredCapacity");
        }
        if (desired > group.maxSize) {
            throw AutoScalingErrors.validation("New SetDesiredCapacity value " + desired + " is above max value "
                    + group.maxSize + " for the AutoScalingGroup.");
        }
        if (desired < group.minSize) {
            throw AutoScalingErrors.validation("New SetDesiredCapacity value " + desired + " is below min value "
                    + group.minSize + " for the AutoScalingGroup.");
        }
        String cause = ScalingActivities.userRequest(region.world().now(), "explicitly set group desired capacity",
                group.desiredCapacity, desired);
        group.desiredCapacity = desired;
        GroupReconciler.reconcile(region, group, cause);
        return SetDesiredCapacityResponse.builder().build();
    }
}
