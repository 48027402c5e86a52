package io.drc.strategies.handlers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.drc.strategies.aws.AwsClients;
import io.drc.strategies.aws.DrcTags;
import io.drc.strategies.step.InvalidParameterException;
import io.drc.strategies.step.StepContext;
import io.drc.strategies.step.StepHandler;
import io.drc.strategies.step.StepResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.autoscaling.AutoScalingClient;
import software.amazon.awssdk.services.autoscaling.model.AutoScalingGroup;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroup;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroupNotFoundException;

/**
 * {@code drc:drill:createWebTier}: a drill's copy of the DR web tier. Per DR target group ({@code fromTargetGroups})
 * a target group named {@code targetGroups[i]} with the same protocol, port, VPC and health check; per DR group
 * ({@code groups: [{name, from, desired, max}]}) an Auto Scaling group named {@code name} launching what the DR
 * group {@code from} launches, at {@code desired}, attached to the drill's target groups. All carry {@code tags},
 * which must include {@code drc:drill} (cleanup finds them by it). Nothing of the DR region's own is changed.
 * Looks before acting: what exists with this drill's tag is taken as made by an earlier call; a resource of that
 * name without it is {@code Drc.Conflict}. Follow it with {@code drc:autoscaling:awaitInService} and
 * {@code drc:elbv2:awaitHealthy} on the drill's names.
 */
public final class CreateDrillWebTierHandler implements StepHandler {
    private final AwsClients aws;

    public CreateDrillWebTierHandler(AwsClients aws) {
        this.aws = aws;
    }

    @Override
    public String resource() {
        return "drc:drill:createWebTier";
    }

    @Override
    public StepResult execute(StepContext context) {
        String region = context.text("region");
        Map<String, String> tags = ExtraTags.of(context);
        String drill = tags.get(DrcTags.DRILL);
        if (drill == null || drill.isBlank()) {
            throw new InvalidParameterException(context.stepName(), "tags", "must include " + DrcTags.DRILL
                    + ": a drill's resources are found and cleaned up by it");
        }
        ElasticLoadBalancingV2Client elb = aws.elbv2(region);
        List<String> drillTargetGroups = texts(context.parameters().withArray("targetGroups"));
        List<String> fromTargetGroups = texts(context.parameters().withArray("fromTargetGroups"));
        if (drillTargetGroups.size() != fromTargetGroups.size()) {
            throw new InvalidParameterException(context.stepName(), "targetGroups", "must name one drill target group "
                    + "per entry of fromTargetGroups");
        }
        List<String> arns = new ArrayList<>();
        for (int i = 0; i < drillTargetGroups.size(); i++) {
            Optional<StepResult> conflict = targetGroup(elb, drillTargetGroups.get(i), fromTargetGroups.get(i), tags,
                    drill, region, arns);
            if (conflict.isPresent()) {
                return conflict.get();
            }
        }
        AutoScalingClient asg = aws.autoScaling(region);
        ArrayNode made = JsonNodeFactory.instance.arrayNode();
        for (JsonNode group : context.parameters().withArray("groups")) {
            Optional<StepResult> conflict = group(asg, group, arns, tags, drill, region, made);
            if (conflict.isPresent()) {
                return conflict.get();
            }
        }
        ObjectNode out = JsonNodeFactory.instance.objectNode();
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
            Map<String, String> have = DrillResources.targetGroupTags(elb, List.of(arn)).getOrDefault(arn, Map.of());
            if (!drill.equals(have.get(DrcTags.DRILL))) {
                return Optional.of(conflict("target group", name, region));
            }
            arns.add(arn);
            return Optional.empty();
        }
        TargetGroup model = elb.describeTargetGroups(r -> r.names(from)).targetGroups().get(0);
        TargetGroup made = elb.createTargetGroup(r -> r.name(name).protocol(model.protocol()).port(model.port())
                .vpcId(model.vpcId()).targetType(model.targetType()).healthCheckProtocol(model.healthCheckProtocol())
                .healthCheckPort(model.healthCheckPort()).healthCheckPath(model.healthCheckPath())
                .tags(tags.entrySet().stream().map(e -> software.amazon.awssdk.services.elasticloadbalancingv2.model.Tag
                        .builder().key(e.getKey()).value(e.getValue()).build()).toList()))
                .targetGroups().get(0);
        arns.add(made.targetGroupArn());
        return Optional.empty();
    }

    private Optional<StepResult> group(AutoScalingClient asg, JsonNode group, List<String> arns,
                                       Map<String, String> tags, String drill, String region, ArrayNode made) {
        String name = group.path("name").asText();
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
        AutoScalingGroup model = AwsLookups.group(asg, group.path("from").asText());
        int desired = group.path("desired").asInt();
        int max = Math.max(desired, group.path("max").asInt(desired));
        asg.createAutoScalingGroup(r -> r.autoScalingGroupName(name).launchTemplate(model.launchTemplate())
                .mixedInstancesPolicy(model.mixedInstancesPolicy())
                .availabilityZones(model.vpcZoneIdentifier() == null || model.vpcZoneIdentifier().isBlank()
                        ? model.availabilityZones() : List.of())
                .vpcZoneIdentifier(model.vpcZoneIdentifier()).minSize(desired).maxSize(max).desiredCapacity(desired)
                .targetGroupARNs(arns).healthCheckType(model.healthCheckType())
                .healthCheckGracePeriod(model.healthCheckGracePeriod())
                .tags(tags.entrySet().stream().map(e -> software.amazon.awssdk.services.autoscaling.model.Tag.builder()
                        .key(e.getKey()).value(e.getValue()).propagateAtLaunch(true).build()).toList()));
        made.add(name);
        return Optional.empty();
    }

    private static Optional<TargetGroup> findTargetGroup(ElasticLoadBalancingV2Client elb, String name) {
        try {
            return elb.describeTargetGroups(r -> r.names(name)).targetGroups().stream().findFirst();
        } catch (TargetGroupNotFoundException e) {
            return Optional.empty();
        }
    }

    private static StepResult conflict(String what, String name, String region) {
        return new StepResult.Failed("Drc.Conflict", what + " '" + name + "' already exists in " + region
                + " and is not this drill's (no matching " + DrcTags.DRILL + " tag): delete it or start a new drill");
    }

    private static List<String> texts(ArrayNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }
}
