package io.drc.simulator.autoscaling;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** An Auto Scaling group: its bounds, launch template reference, target groups and instances. */
final class AsgGroup implements java.io.Serializable {
    /** A group tag; those with {@code propagateAtLaunch} go onto the instances it launches. */
    record GroupTag(String key, String value, boolean propagateAtLaunch) implements java.io.Serializable { }

    final String name;
    final String arn;
    final Instant createdAt;
    final List<String> availabilityZones;
    final String vpcZoneIdentifier;
    final List<GroupTag> tags = new ArrayList<>();
    final Map<String, AsgInstance> instances = new LinkedHashMap<>();
    List<String> targetGroupArns;
    String launchTemplateId;
    String launchTemplateName;
    String launchTemplateVersion;
    int minSize;
    int maxSize;
    int desiredCapacity;
    /** "Delete in progress" while a forced delete terminates the instances; null otherwise. */
    String status;
    /** Why the last launch failed, if it did (the activity history AWS would show). */
    String lastLaunchFailure;

    AsgGroup(String name, String arn, Instant createdAt, List<String> availabilityZones, String vpcZoneIdentifier) {
        this.name = name;
        this.arn = arn;
        this.createdAt = createdAt;
        this.availabilityZones = List.copyOf(availabilityZones);
        this.vpcZoneIdentifier = vpcZoneIdentifier;
    }

    List<AsgInstance> counted() {
        return instances.values().stream().filter(AsgInstance::counts).toList();
    }
}
