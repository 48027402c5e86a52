package io.drc.strategies.handlers;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.drc.strategies.aws.AwsClients;
import io.drc.strategies.aws.DrcTags;
import io.drc.strategies.step.InvalidParameterException;
import io.drc.strategies.step.StepContext;
import io.drc.strategies.step.StepHandler;
import io.drc.strategies.step.StepParameters;
import io.drc.strategies.step.StepParameters.OptionalParameter;
import io.drc.strategies.step.StepResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.autoscaling.AutoScalingClient;
import software.amazon.awssdk.services.autoscaling.model.AutoScalingGroup;
import software.amazon.awssdk.services.autoscaling.model.LaunchTemplateSpecification;
import software.amazon.awssdk.services.autoscaling.model.MixedInstancesPolicy;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.LaunchTemplate;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.ResponseLaunchTemplateData;
import software.amazon.awssdk.services.ec2.model.TagSpecification;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Action;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ActionTypeEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Listener;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancer;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancerNotFoundException;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroup;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroupNotFoundException;

/**
 * {@code drc:drill:createWebTier}: a drill's copy of the DR web tier. Per DR target group ({@code fromTargetGroups})
 * a target group named {@code targetGroups[i]} with the same protocol, port, VPC and health check, and, when a load
 * balancer fronts the DR group, a load balancer of the same name (type, scheme, subnets and security groups of
 * DR's) with a listener forwarding to the copy (port and protocol of DR's listener): targets in a group no
 * listener uses are {@code unused}, never healthy. Per DR group ({@code groups}) an Auto Scaling group named
 * {@code name} launching what the DR group {@code from} launches, at {@code desired}, attached to the drill's
 * target groups. All carry {@code tags}, which must include {@code drc:drill} (cleanup finds them by it). Nothing
 * of the DR region's own is changed. With {@code imageFrom} (backup-restore: the protected instance whose AMIs
 * replication copies to DR) a drill group launches instead what the failover's {@code drc:ec2:useLatestImage} would
 * make its DR group launch — the DR template's default version with the newest DR AMI of {@code imageFrom} — from a
 * drill launch template of the drill group's name, tagged like the rest (the DR template itself is never changed);
 * no such AMI: {@code Drc.NoRecoveryPoint}. Looks before acting: what exists with this drill's tag is taken as made by an
 * earlier call; a resource of that name without it is {@code Drc.Conflict}. Follow it with
 * {@code drc:autoscaling:awaitInService} and {@code drc:elbv2:awaitHealthy} on the drill's names.
 */
public final class CreateDrillWebTierHandler implements StepHandler {
    /**
     * {@code groups[i]} launches what DR's {@code fromGroups[i]} launches; {@code targetGroups[i]} copies
     * {@code fromTargetGroups[i]}.
     */
    public record Parameters(String region, List<GroupSize> groups, List<String> fromGroups, List<String> targetGroups,
                             List<String> fromTargetGroups, Map<String, String> tags,
                             @OptionalParameter String imageFrom) {
        public Parameters {
            if (groups.size() != fromGroups.size()) {
                throw StepParameters.invalid("groups", "must name one drill group per entry of fromGroups");
            }
            if (targetGroups.size() != fromTargetGroups.size()) {
                throw StepParameters.invalid("targetGroups", "must name one drill target group per entry of "
                        + "fromTargetGroups");
            }
        }
    }

    private final AwsClients aws;

    public CreateDrillWebTierHandler(AwsClients aws) {
        this.aws = aws;
    }

    @Override
    public Class<Parameters> parameterType() {
        return Parameters.class;
    }

    @Override
    public String resource() {
        return "drc:drill:createWebTier";
    }

    @Override
    public StepResult execute(StepContext context) {
        Parameters parameters = StepParameters.read(context, Parameters.class);
        String region = parameters.region();
        Map<String, String> tags = parameters.tags();
        String drill = tags.get(DrcTags.DRILL);
        if (drill == null || drill.isBlank()) {
            throw new InvalidParameterException(context.stepName(), "tags", "must include " + DrcTags.DRILL
                    + ": a drill's resources are found and cleaned up by it");
        }
        ElasticLoadBalancingV2Client elb = aws.elbv2(region);
        List<String> arns = new ArrayList<>();
        for (int i = 0; i < parameters.targetGroups().size(); i++) {
            String name = parameters.targetGroups().get(i);
            String from = parameters.fromTargetGroups().get(i);
            Optional<StepResult> conflict = targetGroup(elb, name, from, tags, drill, region, arns)
                    .or(() -> loadBalancer(elb, name, from, arns.get(arns.size() - 1), tags, drill, region));
            if (conflict.isPresent()) {
                return conflict.get();
            }
        }
        AutoScalingClient asg = aws.autoScaling(region);
        ArrayNode made = JsonNodeFactory.instance.arrayNode();
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        String imageId = null;
        if (parameters.imageFrom() != null) {
            Optional<RecoveryPoints.RecoveryPoint> newest = RecoveryPoints.newestImage(aws.ec2(region),
                    parameters.imageFrom());
            if (newest.isEmpty()) {
                return RecoveryPoints.none("AMI", parameters.imageFrom(), region);
            }
            imageId = newest.get().id();
            out.put("imageId", imageId).put("imageSourceTime", newest.get().sourceTime().toString());
        }
        for (int i = 0; i < parameters.groups().size(); i++) {
            Optional<StepResult> conflict = group(asg, parameters.groups().get(i), parameters.fromGroups().get(i), arns,
                    tags, drill, region, made, imageId);
            if (conflict.isPresent()) {
                return conflict.get();
            }
        }
        out.set("groups", made);
        out.set("targetGroupArns", JsonNodeFactory.instance.arrayNode().addAll(arns.stream()
                .map(JsonNodeFactory.instance::textNode).toList()));
        return new StepResult.Succeeded(out);
    }

    private Optional<StepResult> targetGroup(ElasticLoadBalancingV2Client elb, String name, String from,
                                             Map<String, String> tags, String drill, String region, List<String> arns) {
        Optional<TargetGroup> existing = findTargetGroup(elb, name);
        if (existing.isPresent()) {
            String arn = existing.get().targetGroupArn();
            if (!ours(elb, arn, drill)) {
                return Optional.of(conflict("target group", name, region));
            }
            arns.add(arn);
            return Optional.empty();
        }
        TargetGroup model = elb.describeTargetGroups(r -> r.names(from)).targetGroups().get(0);
        TargetGroup made = elb.createTargetGroup(r -> r.name(name).protocol(model.protocol()).port(model.port())
                .vpcId(model.vpcId()).targetType(model.targetType()).healthCheckProtocol(model.healthCheckProtocol())
                .healthCheckPort(model.healthCheckPort()).healthCheckPath(model.healthCheckPath())
                .tags(elbTags(tags)))
                .targetGroups().get(0);
        arns.add(made.targetGroupArn());
        return Optional.empty();
    }

    /**
     * A load balancer named {@code name} like the one that fronts DR's group {@code from}, with a listener forwarding
     * to the drill's group; nothing when no load balancer fronts DR's group (the copy is then as unfronted as DR's).
     */
    private Optional<StepResult> loadBalancer(ElasticLoadBalancingV2Client elb, String name, String from,
                                              String targetGroupArn, Map<String, String> tags, String drill,
                                              String region) {
        TargetGroup source = elb.describeTargetGroups(r -> r.names(from)).targetGroups().get(0);
        if (source.loadBalancerArns().isEmpty()) {
            return Optional.empty();
        }
        String sourceArn = source.loadBalancerArns().get(0);
        LoadBalancer model = elb.describeLoadBalancers(r -> r.loadBalancerArns(sourceArn)).loadBalancers().get(0);
        Optional<LoadBalancer> existing = findLoadBalancer(elb, name);
        if (existing.isPresent() && !ours(elb, existing.get().loadBalancerArn(), drill)) {
            return Optional.of(conflict("load balancer", name, region));
        }
        String arn = existing.isPresent() ? existing.get().loadBalancerArn()
                : elb.createLoadBalancer(r -> r.name(name).type(model.type()).scheme(model.scheme())
                        .ipAddressType(model.ipAddressType())
                        .subnets(model.availabilityZones().stream().map(z -> z.subnetId()).toList())
                        .securityGroups(model.securityGroups().isEmpty() ? null : model.securityGroups())
                        .tags(elbTags(tags))).loadBalancers().get(0).loadBalancerArn();
        List<Listener> listeners = elb.describeListeners(r -> r.loadBalancerArn(arn)).listeners();
        if (listeners.stream().noneMatch(l -> forwardsTo(l, targetGroupArn))) {
            Optional<Listener> sourceListener = elb.describeListeners(r -> r.loadBalancerArn(sourceArn)).listeners()
                    .stream().filter(l -> forwardsTo(l, source.targetGroupArn())).findFirst();
            elb.createListener(r -> r.loadBalancerArn(arn)
                    .port(sourceListener.map(Listener::port).orElse(source.port()))
                    .protocol(sourceListener.map(Listener::protocolAsString).orElse(source.protocolAsString()))
                    .defaultActions(Action.builder().type(ActionTypeEnum.FORWARD).targetGroupArn(targetGroupArn)
                            .build()));
        }
        return Optional.empty();
    }

    private static boolean forwardsTo(Listener listener, String targetGroupArn) {
        return listener.defaultActions().stream().anyMatch(a -> targetGroupArn.equals(a.targetGroupArn())
                || (a.forwardConfig() != null && a.forwardConfig().targetGroups().stream()
                        .anyMatch(t -> targetGroupArn.equals(t.targetGroupArn()))));
    }

    private static boolean ours(ElasticLoadBalancingV2Client elb, String arn, String drill) {
        return drill.equals(DrillResources.tags(elb, List.of(arn)).getOrDefault(arn, Map.of()).get(DrcTags.DRILL));
    }

    private static List<software.amazon.awssdk.services.elasticloadbalancingv2.model.Tag> elbTags(
            Map<String, String> tags) {
        return tags.entrySet().stream().map(e -> software.amazon.awssdk.services.elasticloadbalancingv2.model.Tag
                .builder().key(e.getKey()).value(e.getValue()).build()).toList();
    }

    private Optional<StepResult> group(AutoScalingClient asg, GroupSize group, String from, List<String> arns,
                                       Map<String, String> tags, String drill, String region, ArrayNode made,
                                       String imageId) {
        String name = group.name();
        Optional<AutoScalingGroup> existing = asg.describeAutoScalingGroups(r -> r.autoScalingGroupNames(name))
                .autoScalingGroups().stream().findFirst();
        if (existing.isPresent()) {
            boolean ours = existing.get().tags().stream()
                    .anyMatch(t -> t.key().equals(DrcTags.DRILL) && t.value().equals(drill));
            if (!ours) {
                return Optional.of(conflict("Auto Scaling group", name, region));
            }
            made.add(name);
            return Optional.empty();
        }
        AutoScalingGroup model = AwsLookups.group(asg, from);
        LaunchTemplateSpecification launches = model.launchTemplate();
        MixedInstancesPolicy mixed = model.mixedInstancesPolicy();
        if (imageId != null) {
            LaunchTemplateSpecification source = launches != null ? launches
                    : mixed.launchTemplate().launchTemplateSpecification();
            Optional<LaunchTemplateSpecification> drillTemplate = drillTemplate(aws.ec2(region), name, source, imageId,
                    tags, drill);
            if (drillTemplate.isEmpty()) {
                return Optional.of(conflict("launch template", name, region));
            }
            if (launches != null) {
                launches = drillTemplate.get();
            } else {
                mixed = mixed.toBuilder().launchTemplate(mixed.launchTemplate().toBuilder()
                        .launchTemplateSpecification(drillTemplate.get()).build()).build();
            }
        }
        LaunchTemplateSpecification launchTemplate = launches;
        MixedInstancesPolicy mixedInstancesPolicy = mixed;
        int desired = group.desired();
        int max = group.max();
        asg.createAutoScalingGroup(r -> r.autoScalingGroupName(name).launchTemplate(launchTemplate)
                .mixedInstancesPolicy(mixedInstancesPolicy)
                .availabilityZones(model.vpcZoneIdentifier() == null || model.vpcZoneIdentifier().isBlank()
                        ? model.availabilityZones() : List.of())
                .vpcZoneIdentifier(model.vpcZoneIdentifier()).minSize(group.min()).maxSize(max).desiredCapacity(desired)
                .targetGroupARNs(arns).healthCheckType(model.healthCheckType())
                .healthCheckGracePeriod(model.healthCheckGracePeriod())
                .tags(tags.entrySet().stream().map(e -> software.amazon.awssdk.services.autoscaling.model.Tag.builder()
                        .key(e.getKey()).value(e.getValue()).propagateAtLaunch(true).build()).toList()));
        made.add(name);
        return Optional.empty();
    }

    /**
     * The drill's launch template {@code name}: the default version of the template {@code source} names, with only
     * the image changed to {@code imageId} (what {@code drc:ec2:useLatestImage} makes the failover launch). Made
     * once, tagged; one of that name carrying this drill's tag is taken as made by an earlier call; one without it
     * is a conflict (empty).
     */
    private static Optional<LaunchTemplateSpecification> drillTemplate(Ec2Client ec2, String name,
                                                                       LaunchTemplateSpecification source,
                                                                       String imageId, Map<String, String> tags,
                                                                       String drill) {
        Optional<LaunchTemplate> existing = ec2.describeLaunchTemplatesPaginator(r -> r.filters(
                        f -> f.name("launch-template-name").values(name))).launchTemplates().stream().findFirst();
        LaunchTemplateSpecification drillTemplate = LaunchTemplateSpecification.builder().launchTemplateName(name)
                .version("$Default").build();
        if (existing.isPresent()) {
            boolean ours = existing.get().tags().stream()
                    .anyMatch(t -> t.key().equals(DrcTags.DRILL) && t.value().equals(drill));
            return ours ? Optional.of(drillTemplate) : Optional.empty();
        }
        ResponseLaunchTemplateData data = ec2.describeLaunchTemplateVersions(r -> r
                        .launchTemplateId(source.launchTemplateId()).launchTemplateName(source.launchTemplateId() == null
                                ? source.launchTemplateName() : null).versions("$Default"))
                .launchTemplateVersions().get(0).launchTemplateData();
        ec2.createLaunchTemplate(r -> r.launchTemplateName(name)
                .versionDescription("drc drill " + drill + ": the DR template's default version with " + imageId)
                .launchTemplateData(LaunchTemplateCopies.request(data).toBuilder().imageId(imageId).build())
                .tagSpecifications(TagSpecification.builder().resourceType(ResourceType.LAUNCH_TEMPLATE)
                        .tags(tags.entrySet().stream().map(e -> software.amazon.awssdk.services.ec2.model.Tag.builder()
                                .key(e.getKey()).value(e.getValue()).build()).toList()).build()));
        return Optional.of(drillTemplate);
    }

    private static Optional<TargetGroup> findTargetGroup(ElasticLoadBalancingV2Client elb, String name) {
        try {
            return elb.describeTargetGroups(r -> r.names(name)).targetGroups().stream().findFirst();
        } catch (TargetGroupNotFoundException e) {
            return Optional.empty();
        }
    }

    private static Optional<LoadBalancer> findLoadBalancer(ElasticLoadBalancingV2Client elb, String name) {
        try {
            return elb.describeLoadBalancers(r -> r.names(name)).loadBalancers().stream().findFirst();
        } catch (LoadBalancerNotFoundException e) {
            return Optional.empty();
        }
    }

    private static StepResult conflict(String what, String name, String region) {
        return new StepResult.Failed("Drc.Conflict", what + " '" + name + "' already exists in " + region
                + " and is not this drill's (no matching " + DrcTags.DRILL + " tag): delete it or start a new drill");
    }
}
