package io.drc.strategies.handlers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.drc.strategies.aws.AwsClients;
import io.drc.strategies.serving.DestructiveGuard;
import io.drc.strategies.serving.ServingCheck;
import io.drc.strategies.step.StepContext;
import io.drc.strategies.step.StepHandler;
import io.drc.strategies.step.StepResult;
import software.amazon.awssdk.services.autoscaling.AutoScalingClient;
import software.amazon.awssdk.services.autoscaling.model.AutoScalingGroup;

/**
 * {@code drc:autoscaling:scaleTo}: sets min, desired and max of each listed group
 * ({@code groups: [{name, min, desired, max}]}), skipping groups already at those sizes.
 *
 * <p>Emptying a production web tier (desired 0 from more) is destructive: just before it, the step reads what
 * serves and refuses ({@code Drc.UnsafeDestructiveStep}, no group changed) while Route 53 still sends that region
 * traffic; see {@link DestructiveGuard}.
 */
public final class ScaleGroupsHandler implements StepHandler {
    private final AwsClients aws;
    private final ServingCheck serving;

    public ScaleGroupsHandler(AwsClients aws, ServingCheck serving) {
        this.aws = aws;
        this.serving = serving;
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
                boolean emptied = group.path("desired").asInt() == 0 && current.desiredCapacity() > 0;
                changes.add(new io.drc.strategies.step.PlannedChange("autoscaling:" + region + ":" + name,
                        "min/desired/max", from, emptied ? to + " (terminates its " + current.instances().size()
                        + " instances)" : to));
            }
        }
        return changes;
    }

    @Override
    public StepResult execute(StepContext context) {
        String region = context.text("region");
        AutoScalingClient asg = aws.autoScaling(region);
        java.util.List<String> emptied = new java.util.ArrayList<>();
        for (JsonNode group : context.parameters().withArray("groups")) {
            String name = group.path("name").asText();
            if (group.path("desired").asInt() == 0 && AwsLookups.group(asg, name).desiredCapacity() > 0) {
                emptied.add(name);
            }
        }
        java.util.Optional<String> refusal = emptied.isEmpty() ? java.util.Optional.empty()
                : serving.beforeEmptyingGroups(region, emptied);
        if (refusal.isPresent()) {
            return new StepResult.Failed(DestructiveGuard.UNSAFE, refusal.get());
        }
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
