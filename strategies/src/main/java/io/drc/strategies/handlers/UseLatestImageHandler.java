package io.drc.strategies.handlers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.drc.strategies.aws.AwsClients;
import io.drc.strategies.step.MissingResourceException;
import io.drc.strategies.step.PlannedChange;
import io.drc.strategies.step.StepContext;
import io.drc.strategies.step.StepHandler;
import io.drc.strategies.step.StepParameters;
import io.drc.strategies.step.StepResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.LaunchTemplateVersion;

/**
 * {@code drc:ec2:useLatestImage}: points each of {@code launchTemplates} at the newest available AMI replication
 * made of {@code sourceResource} in {@code region}: a new version from the default one with only the image
 * changed, made the default (Auto Scaling groups launch {@code $Default}). A template whose default already uses
 * the image is left alone; a newest version that already has it (a call repeated after a restart) is made the
 * default without creating another. No such AMI: {@code Drc.NoRecoveryPoint}.
 */
public final class UseLatestImageHandler implements StepHandler {
    /** The launch templates of {@code region} to point at the newest AMI of the protected {@code sourceResource}. */
    public record Parameters(String region, String sourceResource, List<String> launchTemplates) { }

    private final AwsClients aws;

    public UseLatestImageHandler(AwsClients aws) {
        this.aws = aws;
    }

    @Override
    public Class<Parameters> parameterType() {
        return Parameters.class;
    }

    @Override
    public String resource() {
        return "drc:ec2:useLatestImage";
    }

    /** Each template whose default version does not launch the newest AMI yet: from its image to that one. */
    @Override
    public List<PlannedChange> plan(StepContext context) {
        Parameters parameters = StepParameters.read(context, Parameters.class);
        String region = parameters.region();
        String resource = parameters.sourceResource();
        Ec2Client ec2 = aws.ec2(region);
        RecoveryPoints.RecoveryPoint newest = RecoveryPoints.newestImage(ec2, resource).orElseThrow(
                () -> new MissingResourceException(RecoveryPoints.none("AMI", resource, region).cause()));
        List<PlannedChange> changes = new ArrayList<>();
        for (String template : parameters.launchTemplates()) {
            String current = version(ec2, template, "$Default").launchTemplateData().imageId();
            if (!newest.id().equals(current)) {
                changes.add(new PlannedChange("ec2:" + region + ":launch-template/" + template,
                        "default version's image", current, newest.id()));
            }
        }
        return changes;
    }

    @Override
    public StepResult execute(StepContext context) {
        Parameters parameters = StepParameters.read(context, Parameters.class);
        String region = parameters.region();
        String resource = parameters.sourceResource();
        Ec2Client ec2 = aws.ec2(region);
        Optional<RecoveryPoints.RecoveryPoint> latest = RecoveryPoints.newestImage(ec2, resource);
        if (latest.isEmpty()) {
            return RecoveryPoints.none("AMI", resource, region);
        }
        String imageId = latest.get().id();
        ObjectNode out = JsonNodeFactory.instance.objectNode().put("imageId", imageId)
                .put("sourceTime", latest.get().sourceTime().toString());
        ObjectNode versions = out.putObject("templates");
        for (String template : parameters.launchTemplates()) {
            versions.put(template, useImage(ec2, template, imageId, context));
        }
        return new StepResult.Succeeded(out);
    }

    /** The default version number of {@code name} once it launches {@code imageId}. */
    private static long useImage(Ec2Client ec2, String name, String imageId, StepContext context) {
        LaunchTemplateVersion current = version(ec2, name, "$Default");
        if (imageId.equals(current.launchTemplateData().imageId())) {
            return current.versionNumber();
        }
        LaunchTemplateVersion latest = version(ec2, name, "$Latest");
        long wanted = imageId.equals(latest.launchTemplateData().imageId()) && latest.versionNumber() > current.versionNumber()
                ? latest.versionNumber()
                : ec2.createLaunchTemplateVersion(r -> r.launchTemplateName(name)
                        .sourceVersion(String.valueOf(current.versionNumber()))
                        .versionDescription("drc " + context.executionId() + ": " + imageId)
                        .launchTemplateData(d -> d.imageId(imageId))).launchTemplateVersion().versionNumber();
        ec2.modifyLaunchTemplate(r -> r.launchTemplateName(name).defaultVersion(String.valueOf(wanted)));
        return wanted;
    }

    private static LaunchTemplateVersion version(Ec2Client ec2, String name, String selector) {
        return ec2.describeLaunchTemplateVersions(r -> r.launchTemplateName(name).versions(selector))
                .launchTemplateVersions().get(0);
    }
}
