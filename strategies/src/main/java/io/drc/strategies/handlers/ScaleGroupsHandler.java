package io.drc.strategies.handlers;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.drc.strategies.aws.AwsClients;
import io.drc.strategies.step.StepContext;
import io.drc.strategies.step.StepHandler;
import io.drc.strategies.step.StepParameters;
import io.drc.strategies.step.StepResult;
import software.amazon.awssdk.services.autoscaling.AutoScalingClient;
import software.amazon.awssdk.services.autoscaling.model.AutoScalingGroup;

/**
 * {@code drc:autoscaling:scaleTo}: sets min, desired and max of each listed group
 * ({@code groups: [{name, min, desired, max}]}), skipping groups already at those sizes.
 */
public final class ScaleGroupsHandler implements StepHandler {
    /** The groups of {@code region} and the sizes each must have. */
    public record Parameters(String region, java.util.List<GroupSize> groups) { }

    private final AwsClients aws;

    public ScaleGroupsHandler(AwsClients aws) {
        this.aws = aws;
    }

    @Override
    public Class<Parameters> parameterType() {
        return Parameters.class;
    }

    @Override
    public String resource() {
        return "drc:autoscaling:scaleTo";
    }

    @Override
    public java.util.List<io.drc.strategies.step.PlannedChange> plan(StepContext context) {
        Parameters parameters = StepParameters.read(context, Parameters.class);
        String region = parameters.region();
        AutoScalingClient asg = aws.autoScaling(region);
        java.util.List<io.drc.strategies.step.PlannedChange> changes = new java.util.ArrayList<>();
        for (GroupSize group : parameters.groups()) {
            String name = group.name();
            AutoScalingGroup current = AwsLookups.group(asg, name);
            String from = current.minSize() + "/" + current.desiredCapacity() + "/" + current.maxSize();
            String to = group.min() + "/" + group.desired() + "/" + group.max();
            if (!from.equals(to)) {
                changes.add(new io.drc.strategies.step.PlannedChange("autoscaling:" + region + ":" + name,
                        "min/desired/max", from, to));
            }
        }
        return changes;
    }

    @Override
    public StepResult execute(StepContext context) {
        Parameters parameters = StepParameters.read(context, Parameters.class);
        AutoScalingClient asg = aws.autoScaling(parameters.region());
        ObjectNode changed = JsonNodeFactory.instance.objectNode();
        for (GroupSize group : parameters.groups()) {
            String name = group.name();
            int min = group.min();
            int desired = group.desired();
            int max = group.max();
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
