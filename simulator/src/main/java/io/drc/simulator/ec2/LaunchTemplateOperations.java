package io.drc.simulator.ec2;

import io.drc.simulator.core.AwsError;
import io.drc.simulator.core.RegionState;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.ec2.model.CreateLaunchTemplateRequest;
import software.amazon.awssdk.services.ec2.model.CreateLaunchTemplateResponse;
import software.amazon.awssdk.services.ec2.model.CreateLaunchTemplateVersionRequest;
import software.amazon.awssdk.services.ec2.model.CreateLaunchTemplateVersionResponse;
import software.amazon.awssdk.services.ec2.model.DeleteLaunchTemplateRequest;
import software.amazon.awssdk.services.ec2.model.DeleteLaunchTemplateResponse;
import software.amazon.awssdk.services.ec2.model.LaunchTemplate;
import software.amazon.awssdk.services.ec2.model.ModifyLaunchTemplateRequest;
import software.amazon.awssdk.services.ec2.model.ModifyLaunchTemplateResponse;
import software.amazon.awssdk.services.ec2.model.RequestLaunchTemplateData;

/**
 * CreateLaunchTemplate, CreateLaunchTemplateVersion, ModifyLaunchTemplate (its {@code SetDefaultVersion}), each
 * idempotent on its ClientToken ({@link ClientTokens}), and DeleteLaunchTemplate. The Describe calls are in {@link LaunchTemplateQueries}.
 */
public final class LaunchTemplateOperations {
    private static final Pattern NAME = Pattern.compile("[a-zA-Z0-9().\\-/_]{3,128}");

    public CreateLaunchTemplateResponse createLaunchTemplate(CreateLaunchTemplateRequest request, RegionState region) {
        String name = request.launchTemplateName();
        if (name == null) {
            throw AwsError.missingParameter("LaunchTemplateName");
        }
        if (request.launchTemplateData() == null) {
            throw AwsError.missingParameter("LaunchTemplateData");
        }
        if (!NAME.matcher(name).matches()) {
            throw AwsError.badRequest("InvalidLaunchTemplateName.MalformedException",
                    "A launch template name must be between 3 and 128 characters, and may contain letters, numbers, "
                            + "and the following characters: - ( ) . / _.'");
        }
        Ec2State ec2 = Ec2State.of(region);
        CreateLaunchTemplateRequest parameters = request.toBuilder().clientToken(null).build();
        var replayed = ec2.clientTokens.replay("CreateLaunchTemplate", request.clientToken(), parameters,
                Ec2LaunchTemplate.class);
        if (replayed.isPresent()) {
            return CreateLaunchTemplateResponse.builder().launchTemplate(LaunchTemplateQueries.view(replayed.get()))
                    .build();
        }
        if (ec2.launchTemplateNamed(name).isPresent()) {
            throw AwsError.badRequest("InvalidLaunchTemplateName.AlreadyExistsException",
                    "Launch template name already in use.");
        }
        var tags = Ec2Tags.specified(request.tagSpecifications(), "launch-template");
        Ec2LaunchTemplate template = new Ec2LaunchTemplate(region.world().ids().next("lt"), region.world().now(), name);
        template.tags.putAll(tags);
        template.versions.add(merge(null, 1, request.versionDescription(), request.launchTemplateData(), region));
        ec2.launchTemplates.put(template.id, template);
        ec2.clientTokens.remember("CreateLaunchTemplate", request.clientToken(), parameters, template);
        return CreateLaunchTemplateResponse.builder().launchTemplate(LaunchTemplateQueries.view(template)).build();
    }

    public CreateLaunchTemplateVersionResponse createLaunchTemplateVersion(CreateLaunchTemplateVersionRequest request,
                                                                           RegionState region) {
        if (request.launchTemplateData() == null) {
            throw AwsError.missingParameter("LaunchTemplateData");
        }
        Ec2State ec2 = Ec2State.of(region);
        Ec2LaunchTemplate template = ec2.launchTemplate(request.launchTemplateId(), request.launchTemplateName());
        CreateLaunchTemplateVersionRequest parameters = request.toBuilder().clientToken(null).build();
        var replayed = ec2.clientTokens.replay("CreateLaunchTemplateVersion", request.clientToken(), parameters,
                Ec2LaunchTemplate.Version.class);
        if (replayed.isPresent()) {
            return CreateLaunchTemplateVersionResponse.builder()
                    .launchTemplateVersion(LaunchTemplateQueries.view(template, replayed.get())).build();
        }
        Ec2LaunchTemplate.Version source = null;
        if (request.sourceVersion() != null) {
            source = template.version(request.sourceVersion()).orElseThrow(() -> versionNotFound(template,
                    request.sourceVersion()));
        }
        Ec2LaunchTemplate.Version version = merge(source, template.latestVersion() + 1, request.versionDescription(),
                request.launchTemplateData(), region);
        template.versions.add(version);
        ec2.clientTokens.remember("CreateLaunchTemplateVersion", request.clientToken(), parameters, version);
        return CreateLaunchTemplateVersionResponse.builder()
                .launchTemplateVersion(LaunchTemplateQueries.view(template, version)).build();
    }

    public ModifyLaunchTemplateResponse modifyLaunchTemplate(ModifyLaunchTemplateRequest request, RegionState region) {
        Ec2State ec2 = Ec2State.of(region);
        Ec2LaunchTemplate template = ec2.launchTemplate(request.launchTemplateId(), request.launchTemplateName());
        ModifyLaunchTemplateRequest parameters = request.toBuilder().clientToken(null).build();
        if (ec2.clientTokens.replay("ModifyLaunchTemplate", request.clientToken(), parameters,
                Ec2LaunchTemplate.class).isPresent()) {
            return ModifyLaunchTemplateResponse.builder().launchTemplate(LaunchTemplateQueries.view(template)).build();
        }
        if (request.defaultVersion() != null) {
            template.defaultVersion = template.version(request.defaultVersion())
                    .orElseThrow(() -> versionNotFound(template, request.defaultVersion())).number();
        }
        ec2.clientTokens.remember("ModifyLaunchTemplate", request.clientToken(), parameters, template);
        return ModifyLaunchTemplateResponse.builder().launchTemplate(LaunchTemplateQueries.view(template)).build();
    }

    /**
     * Deletes the template and every version of it, answering what it was. As in AWS, groups still naming it are not
     * checked (their next launch fails); unknown: the same NotFound errors as the other calls naming a template.
     */
    public DeleteLaunchTemplateResponse deleteLaunchTemplate(DeleteLaunchTemplateRequest request, RegionState region) {
        Ec2State ec2 = Ec2State.of(region);
        Ec2LaunchTemplate template = ec2.launchTemplate(request.launchTemplateId(), request.launchTemplateName());
        LaunchTemplate view = LaunchTemplateQueries.view(template);
        ec2.launchTemplates.remove(template.id);
        return DeleteLaunchTemplateResponse.builder().launchTemplate(view).build();
    }

    static AwsError versionNotFound(Ec2LaunchTemplate template, String version) {
        return AwsError.badRequest("InvalidLaunchTemplateId.VersionNotFound", "Could not find launch template version "
                + version + " for launch template ID " + template.id + ".");
    }

    private static Ec2LaunchTemplate.Version merge(Ec2LaunchTemplate.Version source, int number, String description,
                                                   RequestLaunchTemplateData data, RegionState region) {
        if (data.imageId() != null) {
            Ec2Kind.IMAGE.requireWellFormed(data.imageId());
        }
        return new Ec2LaunchTemplate.Version(number, description, region.world().now(),
                pick(data.imageId(), source == null ? null : source.imageId()),
                pick(data.instanceTypeAsString(), source == null ? null : source.instanceType()),
                pick(data.keyName(), source == null ? null : source.keyName()));
    }

    private static String pick(String given, String inherited) {
        return given != null ? given : inherited;
    }
}
