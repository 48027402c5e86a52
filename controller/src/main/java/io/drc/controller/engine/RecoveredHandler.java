package io.drc.controller.engine;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.drc.strategies.step.StepContext;
import io.drc.strategies.step.StepHandler;
import io.drc.strategies.step.StepParameters;
import io.drc.strategies.step.StepResult;

/**
 * {@code drc:execution:recovered}: the runbook's mark for "the recovered region serves" (targets healthy and the
 * DNS change INSYNC). It calls nothing; the runner, seeing this resource succeed, stores the moment with the
 * decision as the execution's {@code recoveredAt}, from which {@code rtoSeconds} is measured, and publishes it.
 */
public final class RecoveredHandler implements StepHandler {
    public static final String RESOURCE = "drc:execution:recovered";

    @Override
    public String resource() {
        return RESOURCE;
    }

    @Override
    public Class<StepParameters.None> parameterType() {
        return StepParameters.None.class;
    }

    @Override
    public boolean mutating() {
        return false;
    }

    @Override
    public StepResult execute(StepContext context) {
        return new StepResult.Succeeded(JsonNodeFactory.instance.objectNode().put("recoveredAt",
                context.now().toString()));
    }
}
