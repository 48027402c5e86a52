package io.drc.strategies.handlers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.drc.strategies.aws.AwsClients;
import io.drc.strategies.aws.DrcTags;
import io.drc.strategies.step.StepContext;
import io.drc.strategies.step.StepHandler;
import io.drc.strategies.step.StepResult;
import java.util.List;

/**
 * {@code drc:drill:sweep}: a drill's last step. Lists what still carries {@code drc:drill=<drillId>} in
 * {@code region} as {@code leftovers}; any is {@code Drc.DrillLeftovers} naming them. With none left, a drill that
 * failed earlier ({@code error}: the {@code {Error, Cause}} its Catch recorded) fails here with that error and
 * cause, now that its cleanup is done; otherwise it succeeds with {@code leftovers: []}.
 */
public final class SweepDrillHandler implements StepHandler {
    private final AwsClients aws;

    public SweepDrillHandler(AwsClients aws) {
        this.aws = aws;
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
        String region = context.text("region");
        String drill = context.text("drillId");
        List<DrillResources.Found> left = DrillResources.find(aws, region, drill);
        if (!left.isEmpty()) {
            return new StepResult.Failed("Drc.DrillLeftovers", "drill " + drill + " left " + left.size()
                    + " resource(s) tagged " + DrcTags.DRILL + "=" + drill + " in " + region + ": "
                    + String.join(", ", left.stream().map(DrillResources.Found::describe).toList())
                    + "; delete them by hand");
        }
        JsonNode error = context.parameters() == null ? null : context.parameters().get("error");
        if (error != null && error.hasNonNull("Error")) {
            return new StepResult.Failed(error.get("Error").asText(), error.path("Cause").asText("")
                    + " (the drill's cleanup is done: nothing tagged " + DrcTags.DRILL + "=" + drill + " is left in "
                    + region + ")");
        }
        ArrayNode none = JsonNodeFactory.instance.arrayNode();
        return new StepResult.Succeeded(JsonNodeFactory.instance.objectNode().put("region", region)
                .set("leftovers", none));
    }
}
