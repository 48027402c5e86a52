package io.drc.strategies.handlers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.drc.strategies.aws.AwsClients;
import io.drc.strategies.step.StepContext;
import io.drc.strategies.step.StepHandler;
import io.drc.strategies.step.StepResult;
import java.time.Duration;
import software.amazon.awssdk.services.autoscaling.AutoScalingClient;

/**
 * {@code drc:autoscaling:awaitInService}: done when every listed group ({@code groups: [{name, desired}]}) has
 * at least {@code desired} InService instances.
 */
public final class AwaitGroupsInServiceHandler implements StepHandler {
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
    public boolean mutating() {
        return false;
    }

    @Override
    public StepResult execute(StepContext context) {
        AutoScalingClient asg = aws.autoScaling(context.text("region"));
        ObjectNode counts = JsonNodeFactory.instance.objectNode();
        boolean ready = true;
        for (JsonNode group : context.parameters().withArray("groups")) {
            String name = group.path("name").asText();
            long inService = AwsLookups.group(asg, name).instances().stream()
                    .filter(i -> "InService".equals(i.lifecycleStateAsString())).count();
            counts.put(name, inService);
            ready &= inService >= group.path("desired").asInt();
        }
        return ready ? new StepResult.Succeeded(counts) : new StepResult.Running(POLL, counts);
    }
}
