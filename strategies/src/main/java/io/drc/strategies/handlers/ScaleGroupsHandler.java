package io.drc.strategies.handlers;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.drc.strategies.aws.AwsClients;
import io.drc.strategies.serving.DestructiveGuard;
import io.drc.strategies.serving.ServingCheck;
import io.drc.strategies.step.StepContext;
import io.drc.strategies.step.StepHandler;
import io.drc.strategies.step.StepParameters;
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
    /** The groups of {@code region} and the sizes each must have. */
    public record Parameters(String region, java.util.List<GroupSize> groups) { }

    private final AwsClients aws;
    private final ServingCheck serving;

    public ScaleGroupsHandler(AwsClients aws, ServingCheck serving) {
        this.aws = aws;
        this.serving = serving;
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
                boolean emptied = group.desired() == 0 && current.desiredCapacity() > 0;
                changes.add(new io.drc.strategies.step.PlannedChange("autoscaling:" + region + ":" + name,
                        "min/desired/max", from, emptied ? to + " (terminates its " + current.instances().size()
                        + " instances)" : to));
            }
        }
        return changes;
    }

    @Override
    public StepResult execute(StepContext context) {
        Parameters parameters = StepParameters.read(context, Parameters.class);
        String region = parameters.region();
        AutoScalingClient asg = aws.autoScaling(region);
        java.util.List<String> emptied = new java.util.ArrayList<>();
        for (GroupSize group : parameters.groups()) {
            if (group.desired() == 0 && AwsLookups.group(asg, group.name()).desiredCapacity() > 0) {
                emptied.add(group.name());
            }
        }
        java.util.Optional<String> refusal = emptied.isEmpty() ? java.util.Optional.empty()
                : serving.beforeEmptyingGroups(region, emptied);
        if (refusal.isPresent()) {
            return new StepResult.Failed(DestructiveGuard.UNSAFE, refusal.get());
        }
        ObjectNode changed = JsonNodeFactory.instance.objectNode();
        for (GroupSize group : parameters.groups()) {
            String name = group.name();
            int min = group.min();
            int desired = group.desired();
            int max = group.max();
            AutoScalingGroup current = AwsLookups.group(asg, name);
            boolean already = current.minSize() == min && current.desiredCapacity() == desired && current.maxSize() == max;
            if (!already) {
                resize(asg, group);
            }
            changed.putObject(name).put("from", current.desiredCapacity()).put("to", desired).put("changed", !already);
        }
        return new StepResult.Succeeded(changed);
    }

    /** The one UpdateAutoScalingGroup call: this step's, and its await's when the group was lowered since. */
    static void resize(AutoScalingClient asg, GroupSize group) {
        asg.updateAutoScalingGroup(r -> r.autoScalingGroupName(group.name()).minSize(group.min())
                .desiredCapacity(group.desired()).maxSize(group.max()));
    }
}
