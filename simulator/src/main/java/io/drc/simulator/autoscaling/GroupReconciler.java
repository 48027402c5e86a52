package io.drc.simulator.autoscaling;

import io.drc.simulator.core.AwsError;
import io.drc.simulator.core.RegionState;
import io.drc.simulator.ec2.Ec2Instance;
import io.drc.simulator.ec2.Ec2Instances;
import io.drc.simulator.ec2.Ec2State;
import io.drc.simulator.ec2.InstanceLaunch;
import io.drc.simulator.elbv2.Elbv2State;
import io.drc.simulator.elbv2.Elbv2Targets;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Brings a group to its desired capacity: launches from the launch template version it resolves at launch time
 * (Pending → InService after {@code autoscaling.instance.launch}, then registered with the target groups), and on
 * scale-in deregisters and terminates instances from the fullest zone, oldest first.
 */
final class GroupReconciler {
    static final String GROUP_NAME_TAG = "aws:autoscaling:groupName";

    private GroupReconciler() {
    }

    /** @param cause why the capacity changed, as the activities it leads to show it */
    static void reconcile(RegionState region, AsgGroup group, String cause) {
        while (group.counted().size() < group.desiredCapacity && launchOne(region, group, cause)) {
            group.lastLaunchFailure = null;
        }
        while (group.counted().size() > group.desiredCapacity) {
            terminate(region, group, victim(group), cause);
        }
    }

    private static boolean launchOne(RegionState region, AsgGroup group, String cause) {
        Map<String, String> tags = new LinkedHashMap<>();
        group.tags.stream().filter(AsgGroup.GroupTag::propagateAtLaunch).forEach(t -> tags.put(t.key(), t.value()));
        tags.put(GROUP_NAME_TAG, group.name);
        Ec2Instance launched;
        try {
            InstanceLaunch launch = Ec2Instances.fromTemplate(region, group.launchTemplateId, group.launchTemplateName,
                    group.launchTemplateVersion).inZone(leastUsedZone(group), tags);
            launched = Ec2Instances.launch(region, launch, 1).get(0);
        } catch (AwsError e) {
            group.lastLaunchFailure = e.code() + ": " + e.getMessage();
            ScalingActivities.launchFailed(region, group, cause, group.lastLaunchFailure);
            return false;
        }
        ScalingActivity activity = ScalingActivities.launching(region, group, launched.id(),
                launched.availabilityZone(), cause, group.counted().size());
        AsgInstance instance = new AsgInstance(launched.id(), launched.availabilityZone(), launched.instanceType(),
                launched.imageId(), launched.launchTemplateId(), group.launchTemplateName,
                launched.launchTemplateVersion());
        group.instances.put(instance.instanceId, instance);
        region.world().after("autoscaling.instance.launch", () -> enterService(region, group, instance, activity));
        return true;
    }

    private static void enterService(RegionState region, AsgGroup group, AsgInstance instance,
                                     ScalingActivity activity) {
        activity.end("Successful", null, region.world().now());
        if (!instance.lifecycleState.equals("Pending")) {
            return;
        }
        instance.lifecycleState = "InService";
        for (String targetGroup : group.targetGroupArns) {
            if (Elbv2State.of(region).hasTargetGroup(targetGroup)) {
                Elbv2Targets.register(region, targetGroup, instance.instanceId, null);
            }
        }
    }

    static void terminate(RegionState region, AsgGroup group, AsgInstance instance, String cause) {
        ScalingActivity activity = ScalingActivities.terminating(region, group, instance, cause,
                group.counted().size());
        boolean registered = instance.lifecycleState.equals("InService");
        instance.lifecycleState = "Terminating";
        if (registered) {
            group.targetGroupArns.stream().filter(Elbv2State.of(region)::hasTargetGroup)
                    .forEach(tg -> Elbv2Targets.deregister(region, tg, instance.instanceId, null));
        }
        Ec2State.of(region).findInstance(instance.instanceId).ifPresent(i -> Ec2Instances.terminate(region, i));
        region.world().after("ec2.instance.terminate", () -> {
            activity.end("Successful", null, region.world().now());
            group.instances.remove(instance.instanceId);
            if (group.status != null && group.instances.isEmpty()) {
                AutoScalingState.of(region).groups.remove(group.name, group);
            }
        });
    }

    private static String leastUsedZone(AsgGroup group) {
        Map<String, Long> used = group.counted().stream()
                .collect(Collectors.groupingBy(i -> i.availabilityZone, Collectors.counting()));
        return group.availabilityZones.stream().min(Comparator.comparing(z -> used.getOrDefault(z, 0L)))
                .orElseThrow();
    }

    private static AsgInstance victim(AsgGroup group) {
        Map<String, Long> used = group.counted().stream()
                .collect(Collectors.groupingBy(i -> i.availabilityZone, Collectors.counting()));
        String fullest = used.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
        return group.counted().stream().filter(i -> i.availabilityZone.equals(fullest)).findFirst().orElseThrow();
    }
}
