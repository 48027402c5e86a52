package io.drc.simulator.autoscaling;

/** A group's instance: {@code Pending → InService}; {@code Terminating} on scale-in until EC2 has terminated it. */
final class AsgInstance implements java.io.Serializable {
    final String instanceId;
    final String availabilityZone;
    final String instanceType;
    final String imageId;
    final String launchTemplateId;
    final String launchTemplateName;
    final String launchTemplateVersion;
    String lifecycleState = "Pending";
    String healthStatus = "Healthy";

    AsgInstance(String instanceId, String availabilityZone, String instanceType, String imageId,
                String launchTemplateId, String launchTemplateName, String launchTemplateVersion) {
        this.instanceId = instanceId;
        this.availabilityZone = availabilityZone;
        this.instanceType = instanceType;
        this.imageId = imageId;
        this.launchTemplateId = launchTemplateId;
        this.launchTemplateName = launchTemplateName;
        this.launchTemplateVersion = launchTemplateVersion;
    }

    boolean counts() {
        return !lifecycleState.startsWith("Terminating");
    }
}
