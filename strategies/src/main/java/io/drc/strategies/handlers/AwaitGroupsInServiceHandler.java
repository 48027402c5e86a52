package io.drc.strategies.handlers;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.drc.strategies.aws.AwsClients;
import io.drc.strategies.step.StepContext;
import io.drc.strategies.step.StepHandler;
import io.drc.strategies.step.StepParameters;
import io.drc.strategies.step.StepResult;
import java.time.Duration;
import java.util.List;
import software.amazon.awssdk.services.autoscaling.AutoScalingClient;

/**
 * {@code drc:autoscaling:awaitInService}: done when every listed group ({@code groups: [{name, min, desired, max}]}) has
 * at least {@code desired} InService instances.
 */
public final class AwaitGroupsInServiceHandler implements StepHandler {
    /** The groups and the region they are in; each is done at {@code desired} InService instances. */
    public record Parameters(String region, List<GroupSize> groups) { }

    static final Duration POLL = Duration.ofSeconds(5);
    private final AwsClients aws;

    public AwaitGroupsInServiceHandler(AwsClients aws) {
        this.aws = aws;
    }

    @Override
    public String resource() {
        return "drc:autoscaling:awaitInService";
    }

    @Override
    public Class<Parameters> parameterType() {
        return Parameters.class;
    }

    @Override
    public boolean mutating() {
        return false;
    }

    @Override
    public StepResult execute(StepContext context) {
        Parameters parameters = StepParameters.read(context, Parameters.class);
        AutoScalingClient asg = aws.autoScaling(parameters.region());
        ObjectNode counts = JsonNodeFactory.instance.objectNode();
        boolean ready = true;
        for (GroupSize group : parameters.groups()) {
            long inService = AwsLookups.group(asg, group.name()).instances().stream()
                    .filter(i -> "InService".equals(i.lifecycleStateAsString())).count();
            counts.put(group.name(), inService);
            ready &= inService >= group.desired();
        }
        return ready ? new StepResult.Succeeded(counts) : new StepResult.Running(POLL, counts);
    }
}
