package io.drc.strategies.handlers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.drc.strategies.aws.AwsClients;
import io.drc.strategies.step.StepContext;
import io.drc.strategies.step.StepHandler;
import io.drc.strategies.step.StepResult;
import software.amazon.awssdk.services.autoscaling.AutoScalingClient;
import software.amazon.awssdk.services.autoscaling.model.AutoScalingGroup;

/**
 * {@code drc:autoscaling:scaleTo}: sets min, desired and max of each listed group
 * ({@code groups: [{name, min, desired, max}]}), skipping groups already at those sizes.
 */
public final class ScaleGroupsHandler implements StepHandler {
    private final AwsClients aws;

    public ScaleGroupsHandler(AwsClients aws) {
        this.aws = aws;
    }

    @Override
    public String resource() {
        return "drc:autoscaling:scaleTo";
    }

    @Override
    public java.util.List<io.drc.strategies.step.PlannedChange> plan(StepContext context) {
        String region = context.text("region");
        AutoScalingClient asg = aws.autoScaling(region);
        java.util.List<io.drc.strategies.step.PlannedChange> changes = new java.util.ArrayList<>();
        for (JsonNode group : context.parameters().withArray("groups")) {
            String name = group.path("name").asText();
            AutoScalingGroup current = AwsLookups.group(asg, name);
            String from = current.minSize() + "/" + current.desiredCapacity() + "/" + current.maxSize();
            String to = group.path("min").asInt() + "/" + group.path("desired").asInt() + "/" + group.path("max").asInt();
            if (!from.equals(to)) {
                changes.add(new io.drc.strategies.step.PlannedChange("autoscaling:" + region + ":" + name,
                        "min/desired/max", from, to));
            }
        }
        return changes;
    }

    @Override
    public StepResult execute(StepContext context) {
        AutoScalingClient asg = aws.autoScaling(context.text("region"));
        ObjectNode changed = JsonNodeFactory.instance.objectNode();
        for (JsonNode group : context.parameters().withArray("groups")) {
            String name = group.path("name").asText();
            int min = group.path("min").asInt();
            int desired = group.path("desired").asInt();
            int max = group.path("max").asInt();
            AutoScalingGroup current = AwsLookups.group(asg, name);
            boolean already = current.minSize() == min && current.desiredCapacity() == desired && current.maxSize() == max;
            if (!already) {
                asg.updateAutoScalingGroup(r -> r.autoScalingGroupName(name).minSize(min).desiredCapacity(desired).maxSize(max));
            }
            changed.putObject(name).put("from", current.desiredCapacity()).put("to", desired).put("changed", !already);
        }
        return new StepResult.Succeeded(changed);
    }
}
