package io.drc.simulator.autoscaling;

import io.drc.simulator.core.AwsError;
import io.drc.simulator.core.RegionState;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The Auto Scaling groups of one region, by name. */
public final class AutoScalingState {
    final Map<String, AsgGroup> groups = new LinkedHashMap<>();
    /** Every group's activities, kept after the group is deleted (IncludeDeletedGroups). */
    final List<ScalingActivity> activities = new ArrayList<>();

    /** This region's Auto Scaling state (call with the world locked). */
    public static AutoScalingState of(RegionState region) {
        return region.state(AutoScalingState.class, r -> new AutoScalingState());
    }

    AsgGroup group(String name) {
        if (name == null) {
            throw AutoScalingErrors.required("autoScalingGroupName");
        }
        return Optional.ofNullable(groups.get(name)).orElseThrow(() -> AwsError.badRequest("ValidationError",
                "AutoScalingGroup name not found - AutoScalingGroup " + name + " not found"));
    }
}
