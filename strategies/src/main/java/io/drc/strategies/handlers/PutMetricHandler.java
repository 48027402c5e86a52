package io.drc.strategies.handlers;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.drc.strategies.aws.AwsClients;
import io.drc.strategies.step.StepContext;
import io.drc.strategies.step.StepHandler;
import io.drc.strategies.step.StepParameters;
import io.drc.strategies.step.StepParameters.OptionalParameter;
import io.drc.strategies.step.StepResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;
import software.amazon.awssdk.services.cloudwatch.model.StandardUnit;

/**
 * {@code drc:cloudwatch:putMetric}: publishes one datapoint {@code value} of {@code namespace}/{@code metric}
 * with {@code dimensions: {name: value}} and optional {@code unit} (a CloudWatch unit such as {@code Seconds}),
 * timestamped with the step's clock. CloudWatch has nothing to look up first: a call repeated after a restart
 * adds the same value at a later time, which leaves Maximum, Minimum and Average as they were.
 */
public final class PutMetricHandler implements StepHandler {
    /** {@code unit}: a CloudWatch unit (absent or null: None); {@code dimensions}: name to value. */
    public record Parameters(String region, String namespace, String metric, double value,
                             @OptionalParameter String unit, @OptionalParameter Map<String, String> dimensions) {
        public Parameters {
            if (unit != null && StandardUnit.fromValue(unit) == StandardUnit.UNKNOWN_TO_SDK_VERSION) {
                throw StepParameters.invalid("unit", "is '" + unit + "', not a CloudWatch unit (e.g. Seconds, Count, "
                        + "Percent, None)");
            }
        }

        StandardUnit standardUnit() {
            return unit == null ? StandardUnit.NONE : StandardUnit.fromValue(unit);
        }
    }

    private final AwsClients aws;

    public PutMetricHandler(AwsClients aws) {
        this.aws = aws;
    }

    @Override
    public Class<Parameters> parameterType() {
        return Parameters.class;
    }

    @Override
    public String resource() {
        return "drc:cloudwatch:putMetric";
    }

    @Override
    public StepResult execute(StepContext context) {
        Parameters parameters = StepParameters.read(context, Parameters.class);
        StandardUnit unit = parameters.standardUnit();
        List<Dimension> dimensions = new ArrayList<>();
        if (parameters.dimensions() != null) {
            parameters.dimensions().forEach((name, value) ->
                    dimensions.add(Dimension.builder().name(name).value(value).build()));
        }
        aws.cloudWatch(parameters.region()).putMetricData(r -> r.namespace(parameters.namespace()).metricData(m -> m
                .metricName(parameters.metric()).value(parameters.value()).unit(unit).dimensions(dimensions)
                .timestamp(context.now())));
        return new StepResult.Succeeded(JsonNodeFactory.instance.objectNode().put("namespace", parameters.namespace())
                .put("metric", parameters.metric()).put("value", parameters.value()).put("unit", unit.toString()));
    }
}
