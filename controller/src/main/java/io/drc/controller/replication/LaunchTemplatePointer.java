package io.drc.controller.replication;

import io.drc.strategies.aws.AwsClients;
import java.util.Optional;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.LaunchTemplateVersion;

/**
 * Makes each DR launch template's default version start instances from a given AMI: a new version based on
 * the current default with only the image changed, then ModifyLaunchTemplate (the ASG uses $Default).
 * Looks first: a version already holding the AMI (made before a restart) is reused, not made twice.
 */
final class LaunchTemplatePointer {
    private final AwsClients aws;
    private final ReplicationContext context;

    LaunchTemplatePointer(AwsClients aws, ReplicationContext context) {
        this.aws = aws;
        this.context = context;
    }

    void pointAt(String imageId, String token) {
        Ec2Client ec2 = aws.ec2(context.drRegion());
        for (String name : context.drLaunchTemplates()) {
            LaunchTemplateVersion current = ec2.describeLaunchTemplateVersions(r -> r.launchTemplateName(name)
                    .versions("$Default")).launchTemplateVersions().get(0);
            if (imageId.equals(current.launchTemplateData().imageId())) {
                continue;
            }
            long version = existingVersionWith(ec2, name, imageId)
                    .orElseGet(() -> ec2.createLaunchTemplateVersion(r -> r.launchTemplateName(name)
                            .sourceVersion(String.valueOf(current.versionNumber()))
                            .versionDescription(token)
                            .launchTemplateData(d -> d.imageId(imageId)))
                            .launchTemplateVersion().versionNumber());
            ec2.modifyLaunchTemplate(r -> r.launchTemplateName(name).defaultVersion(String.valueOf(version)));
        }
    }

    private static Optional<Long> existingVersionWith(Ec2Client ec2, String name, String imageId) {
        return ec2.describeLaunchTemplateVersionsPaginator(r -> r.launchTemplateName(name)).launchTemplateVersions()
                .stream().filter(v -> imageId.equals(v.launchTemplateData().imageId()))
                .map(LaunchTemplateVersion::versionNumber).findFirst();
    }
}
