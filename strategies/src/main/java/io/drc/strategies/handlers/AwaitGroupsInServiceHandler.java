package io.drc.strategies.handlers;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.drc.strategies.aws.AwsClients;
import io.drc.strategies.step.Reassertion;
import io.drc.strategies.step.StepContext;
import io.drc.strategies.step.StepHandler;
import io.drc.strategies.step.StepParameters;
import io.drc.strategies.step.StepResult;
import java.time.Duration;
import io.drc.strategies.step.StepParameters.OptionalParameter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.autoscaling.AutoScalingClient;
import software.amazon.awssdk.services.autoscaling.model.AutoScalingGroup;

/**
 * {@code drc:autoscaling:awaitInService}: done when every listed group ({@code groups: [{name, min, desired, max}]}) has
 * at least {@code desired} InService instances.
 *
 * <p>Level-triggered ({@link Reassertion}): a group whose desired capacity is below the one listed — someone lowered
 * it, or a scaling change was lost — for {@code reassertAfterSeconds} (default 60) gets its listed sizes again, at most
 * once per that period. It never lowers a desired capacity: only a group below its listed one is resized. A dry run
 * does not list this step as changing anything: it only repeats the scaling step's change.
 */
public final class AwaitGroupsInServiceHandler implements StepHandler {
    private static final Logger LOG = LoggerFactory.getLogger(AwaitGroupsInServiceHandler.class);

    /**
     * The groups and the region they are in; each is done at {@code desired} InService instances.
     * {@code reassertAfterSeconds}: how long a group below its desired capacity is tolerated before it is resized.
     */
    public record Parameters(String region, List<GroupSize> groups, @OptionalParameter Integer reassertAfterSeconds) { }

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
        List<GroupSize> lowered = new ArrayList<>();
        List<String> why = new ArrayList<>();
        for (GroupSize group : parameters.groups()) {
            AutoScalingGroup current = AwsLookups.group(asg, group.name());
            long inService = current.instances().stream()
                    .filter(i -> "InService".equals(i.lifecycleStateAsString())).count();
            counts.put(group.name(), inService);
            ready &= inService >= group.desired();
            if (current.desiredCapacity() < group.desired()) {
                lowered.add(group);
                why.add(group.name() + " wants " + current.desiredCapacity() + " instances, not " + group.desired());
            }
        }
        Reassertion kept = Reassertion.from(context.checkpoint());
        if (ready) {
            return new StepResult.Succeeded(kept.report(counts));
        }
        Optional<String> regressed = lowered.isEmpty() ? Optional.empty() : Optional.of(String.join("; ", why));
        Reassertion.Verdict verdict = kept.observe(regressed, context.now(),
                Reassertion.grace(parameters.reassertAfterSeconds()), "UpdateAutoScalingGroup");
        if (verdict.reissue()) {
            for (GroupSize group : lowered) {
                ScaleGroupsHandler.resize(asg, group);
            }
            LOG.warn("execution {}: step {}: {}; sizes re-asserted", context.executionId(), context.stepName(),
                    regressed.get());
        }
        return new StepResult.Running(POLL, verdict.next().writeTo(counts));
    }
}
