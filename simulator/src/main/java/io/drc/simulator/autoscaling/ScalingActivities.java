package io.drc.simulator.autoscaling;

import io.drc.simulator.core.RegionState;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;

/**
 * Records what a group does as Auto Scaling's activity history shows it, with AWS's wording of the causes: the
 * user request that changed the desired capacity, then the launch or termination it led to.
 */
final class ScalingActivities {
    private ScalingActivities() {
    }

    /** The cause of a capacity change made by a call, e.g. UpdateAutoScalingGroup. */
    static String userRequest(Instant at, String what, int desiredBefore, int desiredAfter) {
        return "At " + at + " a user request " + what + " changing the desired capacity from " + desiredBefore
                + " to " + desiredAfter + ".";
    }

    static ScalingActivity launching(RegionState region, AsgGroup group, String instanceId, String zone, String cause,
                                     int before) {
        Instant now = region.world().now();
        return add(region, group, "Launching a new EC2 instance: " + instanceId, cause + "  At " + now
                + " an instance was started in response to a difference between desired and actual capacity, "
                + "increasing the capacity from " + before + " to " + (before + 1) + ".", zone);
    }

    static ScalingActivity launchFailed(RegionState region, AsgGroup group, String cause, String reason) {
        ScalingActivity activity = add(region, group, "Launching a new EC2 instance.  Status Reason: " + reason,
                cause, null);
        activity.end("Failed", reason.length() > 255 ? reason.substring(0, 255) : reason, region.world().now());
        return activity;
    }

    static ScalingActivity terminating(RegionState region, AsgGroup group, AsgInstance instance, String cause,
                                       int before) {
        Instant now = region.world().now();
        return add(region, group, "Terminating EC2 instance: " + instance.instanceId, cause + "  At " + now
                + " an instance was taken out of service in response to a difference between desired and actual "
                + "capacity, shrinking the capacity from " + before + " to " + (before - 1) + ".",
                instance.availabilityZone);
    }

    private static ScalingActivity add(RegionState region, AsgGroup group, String description, String cause,
                                       String zone) {
        String id = UUID.nameUUIDFromBytes(region.world().ids().next("activity").getBytes(StandardCharsets.UTF_8))
                .toString();
        String details = zone == null ? "{}" : "{\"Availability Zone\":\"" + zone + "\"}";
        ScalingActivity activity = new ScalingActivity(id, group.name, group.arn, description,
                cause.length() > 1023 ? cause.substring(0, 1023) : cause, details, region.world().now());
        AutoScalingState.of(region).activities.add(activity);
        return activity;
    }
}
