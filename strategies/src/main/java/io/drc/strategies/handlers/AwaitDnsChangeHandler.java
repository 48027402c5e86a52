package io.drc.strategies.handlers;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.drc.strategies.aws.AwsClients;
import io.drc.strategies.step.StepContext;
import io.drc.strategies.step.StepHandler;
import io.drc.strategies.step.StepParameters;
import io.drc.strategies.step.StepParameters.OptionalParameter;
import io.drc.strategies.step.StepResult;
import java.time.Duration;

/** {@code drc:route53:awaitInsync}: done when the change is INSYNC; a null {@code changeId} (nothing changed) is done. */
public final class AwaitDnsChangeHandler implements StepHandler {
    /** {@code changeId}: what {@code drc:route53:setWeights} returned; null: nothing changed. */
    public record Parameters(@OptionalParameter String changeId) { }

    static final Duration POLL = Duration.ofSeconds(5);
    private final AwsClients aws;

    public AwaitDnsChangeHandler(AwsClients aws) {
        this.aws = aws;
    }

    @Override
    public Class<Parameters> parameterType() {
        return Parameters.class;
    }

    @Override
    public String resource() {
        return "drc:route53:awaitInsync";
    }

    @Override
    public boolean mutating() {
        return false;
    }

    @Override
    public StepResult execute(StepContext context) {
        String changeId = StepParameters.read(context, Parameters.class).changeId();
        if (changeId == null) {
            return new StepResult.Succeeded(JsonNodeFactory.instance.objectNode().put("status", "UNCHANGED"));
        }
        String status = aws.route53().getChange(r -> r.id(changeId)).changeInfo().statusAsString();
        var seen = JsonNodeFactory.instance.objectNode().put("changeId", changeId).put("status", status);
        return "INSYNC".equals(status) ? new StepResult.Succeeded(seen) : new StepResult.Running(POLL, seen);
    }
}
