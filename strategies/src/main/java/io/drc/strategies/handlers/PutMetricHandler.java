package io.drc.strategies.handlers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.drc.strategies.aws.AwsClients;
import io.drc.strategies.step.InvalidParameterException;
import io.drc.strategies.step.MissingParameterException;
import io.drc.strategies.step.StepContext;
import io.drc.strategies.step.StepHandler;
import io.drc.strategies.step.StepResult;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;
import software.amazon.awssdk.services.cloudwatch.model.StandardUnit;

/**
 * {@code drc:cloudwatch:putMetric}: publishes one datapoint {@code value} of {@code namespace}/{@code metric}
 * with {@code dimensions: {name: value}} and optional {@code unit} (a CloudWatch unit such as {@code Seconds}),
 * timestamped with the step's clock. CloudWatch has nothing to look up first: a call repeated after a restart
 * adds the same value at a later time, which leaves Maximum, Minimum and Average as they were.
 */
public final class PutMetricHandler implements StepHandler {
    private final AwsClients aws;

    public PutMetricHandler(AwsClients aws) {
        this.aws = aws;
    }

    @Override
    public String resource() {
        return "drc:cloudwatch:putMetric";
    }

    @Override
    public StepResult execute(StepContext context) {
        String namespace = context.text("namespace");
        String metric = context.text("metric");
        JsonNode value = context.parameters().path("value");
        if (!value.isNumber()) {
            throw new MissingParameterException(context.stepName(), "value");
        }
        StandardUnit unit = context.optionalText("unit").map(u -> unit(context, u)).orElse(StandardUnit.NONE);
        List<Dimension> dimensions = new ArrayList<>();
        context.parameters().path("dimensions").fields().forEachRemaining(
                d -> dimensions.add(Dimension.builder().name(d.getKey()).value(d.getValue().asText()).build()));
        aws.cloudWatch(context.text("region")).putMetricData(r -> r.namespace(namespace).metricData(m -> m
                .metricName(metric).value(value.asDouble()).unit(unit).dimensions(dimensions).timestamp(context.now())));
        return new StepResult.Succeeded(JsonNodeFactory.instance.objectNode().put("namespace", namespace)
                .put("metric", metric).put("value", value.asDouble()).put("unit", unit.toString()));
    }

    private static StandardUnit unit(StepContext context, String name) {
        StandardUnit unit = StandardUnit.fromValue(name);
        if (unit == StandardUnit.UNKNOWN_TO_SDK_VERSION) {
            throw new InvalidParameterException(context.stepName(), "unit",
                    "is '" + name + "', not a CloudWatch unit (e.g. Seconds, Count, Percent, None)");
        }
        return unit;
    }
}
