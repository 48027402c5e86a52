package io.drc.strategies.handlers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.drc.strategies.aws.AwsClients;
import io.drc.strategies.step.StepContext;
import io.drc.strategies.step.StepHandler;
import io.drc.strategies.step.StepResult;
import java.time.Duration;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;

/**
 * {@code drc:elbv2:awaitHealthy}: done when each listed target group ({@code targetGroups: [name|arn]}) has at
 * least {@code minHealthy} healthy targets. Without {@code minHealthy}, the Auto Scaling groups being scaled
 * ({@code groups: [{name, desired}]}) say how many: the sum of their {@code desired}.
 */
public final class AwaitHealthyTargetsHandler implements StepHandler {
    static final Duration POLL = Duration.ofSeconds(5);
    private final AwsClients aws;

    public AwaitHealthyTargetsHandler(AwsClients aws) {
        this.aws = aws;
    }

    @Override
    public String resource() {
        return "drc:elbv2:awaitHealthy";
    }

    @Override
    public boolean mutating() {
        return false;
    }

    @Override
    public StepResult execute(StepContext context) {
        ElasticLoadBalancingV2Client elb = aws.elbv2(context.text("region"));
        int minHealthy = minHealthy(context);
        ObjectNode healthy = JsonNodeFactory.instance.objectNode();
        boolean ready = true;
        for (JsonNode group : context.parameters().withArray("targetGroups")) {
            String arn = AwsLookups.targetGroupArn(elb, group.asText());
            long count = elb.describeTargetHealth(r -> r.targetGroupArn(arn)).targetHealthDescriptions().stream()
                    .filter(d -> "healthy".equals(d.targetHealth().stateAsString())).count();
            healthy.put(group.asText(), count);
            ready &= count >= minHealthy;
        }
        return ready ? new StepResult.Succeeded(healthy) : new StepResult.Running(POLL, healthy);
    }

    private static int minHealthy(StepContext context) {
        JsonNode groups = context.parameters().path("groups");
        if (context.parameters().hasNonNull("minHealthy") || !groups.isArray()) {
            return context.integer("minHealthy");
        }
        int sum = 0;
        for (JsonNode group : groups) {
            sum += group.path("desired").asInt();
        }
        return sum;
    }
}
