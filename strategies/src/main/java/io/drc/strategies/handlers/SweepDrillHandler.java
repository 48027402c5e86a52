package io.drc.strategies.handlers;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.drc.strategies.aws.AwsClients;
import io.drc.strategies.aws.DrcTags;
import io.drc.strategies.step.StepContext;
import io.drc.strategies.step.StepHandler;
import io.drc.strategies.step.StepParameters;
import io.drc.strategies.step.StepParameters.OptionalParameter;
import io.drc.strategies.step.StepResult;
import java.util.List;

/**
 * {@code drc:drill:sweep}: a drill's last step. Lists what still carries {@code drc:drill=<drillId>} in
 * {@code region} (and the drill's DNS record, {@code dns}, if it still points at the drill's load balancer) as
 * {@code leftovers}; any is {@code Drc.DrillLeftovers} naming them. With none left, a drill that
 * failed earlier ({@code error}: the {@code {Error, Cause}} its Catch recorded) fails here with that error and
 * cause, now that its cleanup is done; otherwise it succeeds with {@code leftovers: []}.
 */
public final class SweepDrillHandler implements StepHandler {
    /** {@code error}: null or absent when the drill's work succeeded. */
    public record Parameters(String region, String drillId, @OptionalParameter Failure error,
                             @OptionalParameter DrillDns dns, @OptionalParameter String loadBalancer) { }

    /** What a Catch records ({@code ResultPath}) about the error it caught. */
    public record Failure(@JsonProperty("Error") String error, @OptionalParameter @JsonProperty("Cause") String cause) { }

    private final AwsClients aws;

    public SweepDrillHandler(AwsClients aws) {
        this.aws = aws;
    }

    @Override
    public Class<Parameters> parameterType() {
        return Parameters.class;
    }

    @Override
    public String resource() {
        return "drc:drill:sweep";
    }

    @Override
    public boolean mutating() {
        return false;
    }

    @Override
    public StepResult execute(StepContext context) {
        Parameters parameters = StepParameters.read(context, Parameters.class);
        String region = parameters.region();
        String drill = parameters.drillId();
        List<DrillResources.Found> left = DrillResources.find(aws, region, drill, parameters.dns(),
                parameters.loadBalancer());
        if (!left.isEmpty()) {
            return new StepResult.Failed("Drc.DrillLeftovers", "drill " + drill + " left " + left.size()
                    + " resource(s) tagged " + DrcTags.DRILL + "=" + drill + " in " + region + ": "
                    + String.join(", ", left.stream().map(DrillResources.Found::describe).toList())
                    + "; delete them by hand");
        }
        Failure error = parameters.error();
        if (error != null) {
            return new StepResult.Failed(error.error(), (error.cause() == null ? "" : error.cause())
                    + " (the drill's cleanup is done: nothing tagged " + DrcTags.DRILL + "=" + drill + " is left in "
                    + region + ")");
        }
        ArrayNode none = JsonNodeFactory.instance.arrayNode();
        return new StepResult.Succeeded(JsonNodeFactory.instance.objectNode().put("region", region)
                .set("leftovers", none));
    }
}
