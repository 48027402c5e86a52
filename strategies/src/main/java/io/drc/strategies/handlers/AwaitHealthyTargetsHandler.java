package io.drc.strategies.handlers;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.drc.strategies.aws.AwsClients;
import io.drc.strategies.step.StepContext;
import io.drc.strategies.step.StepHandler;
import io.drc.strategies.step.StepParameters;
import io.drc.strategies.step.StepParameters.OptionalParameter;
import io.drc.strategies.step.StepResult;
import java.time.Duration;
import java.util.List;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;

/**
 * {@code drc:elbv2:awaitHealthy}: done when each listed target group ({@code targetGroups: [name|arn]}) has at
 * least {@code minHealthy} healthy targets. Without {@code minHealthy}, the Auto Scaling groups being scaled
 * ({@code groups: [{name, desired}]}) say how many: the sum of their {@code desired}.
 */
public final class AwaitHealthyTargetsHandler implements StepHandler {
    /**
     * The target groups (names or ARNs) and how many healthy targets each needs: {@code minHealthy}, else the sum
     * of the {@code groups}' desired capacities; one of the two is required.
     */
    public record Parameters(String region, List<String> targetGroups, @OptionalParameter List<GroupSize> groups,
                             @OptionalParameter Integer minHealthy) {
        public Parameters {
            if (minHealthy == null && groups == null) {
                throw StepParameters.invalid("minHealthy", "is required when 'groups' is not given");
            }
            if (minHealthy != null && minHealthy < 0) {
                throw StepParameters.invalid("minHealthy", "must be 0 or more, was " + minHealthy);
            }
        }

        int minHealthyTargets() {
            return minHealthy != null ? minHealthy : groups.stream().mapToInt(GroupSize::desired).sum();
        }
    }

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
        ElasticLoadBalancingV2Client elb = aws.elbv2(parameters.region());
        int minHealthy = parameters.minHealthyTargets();
        ObjectNode healthy = JsonNodeFactory.instance.objectNode();
        boolean ready = true;
        for (String group : parameters.targetGroups()) {
            String arn = AwsLookups.targetGroupArn(elb, group);
            long count = elb.describeTargetHealth(r -> r.targetGroupArn(arn)).targetHealthDescriptions().stream()
                    .filter(d -> "healthy".equals(d.targetHealth().stateAsString())).count();
            healthy.put(group, count);
            ready &= count >= minHealthy;
        }
        return ready ? new StepResult.Succeeded(healthy) : new StepResult.Running(POLL, healthy);
    }
}
