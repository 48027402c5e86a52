package io.drc.simulator.autoscaling;

import io.drc.simulator.core.AwsError;
import io.drc.simulator.core.RegionState;
import io.drc.simulator.ec2.Ec2Instances;
import io.drc.simulator.ec2.InstanceLaunch;
import software.amazon.awssdk.services.autoscaling.model.LaunchTemplateSpecification;

/**
 * A group's launch template reference: checked to exist when set, as AWS does, and kept as given
 * ({@code $Default} unless told otherwise) so that each launch resolves the version anew.
 */
final class GroupLaunchTemplate implements java.io.Serializable {
    private GroupLaunchTemplate() {
    }

    static void apply(RegionState region, AsgGroup group, LaunchTemplateSpecification spec) {
        if (spec == null) {
            throw AutoScalingErrors.validation("Valid requests must contain either LaunchTemplate, "
                    + "LaunchConfigurationName, InstanceId or MixedInstancesPolicy parameter.");
        }
        String version = spec.version() != null ? spec.version() : "$Default";
        InstanceLaunch resolved;
        try {
            resolved = Ec2Instances.fromTemplate(region, spec.launchTemplateId(), spec.launchTemplateName(), version);
        } catch (AwsError e) {
            throw AutoScalingErrors.validation("You must use a valid fully-formed launch template. " + e.getMessage());
        }
        group.launchTemplateId = resolved.launchTemplateId();
        group.launchTemplateName = resolved.launchTemplateName();
        group.launchTemplateVersion = version;
    }
}
