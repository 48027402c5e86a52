package io.drc.simulator.ec2;

import java.util.Map;

/**
 * What to launch: the resolved AMI and type, where, from which launch template version (null when none) and
 * with which tags. Auto Scaling builds one from its launch template through {@link Ec2Instances}.
 */
public record InstanceLaunch(String imageId, String instanceType, String availabilityZone, String launchTemplateId,
                             String launchTemplateName, String launchTemplateVersion, Map<String, String> tags) {

    public InstanceLaunch inZone(String zone, Map<String, String> extraTags) {
        Map<String, String> all = new java.util.LinkedHashMap<>(tags);
        all.putAll(extraTags);
        return new InstanceLaunch(imageId, instanceType, zone, launchTemplateId, launchTemplateName,
                launchTemplateVersion, all);
    }
}
