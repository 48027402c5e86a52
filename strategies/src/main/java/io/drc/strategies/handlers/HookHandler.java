package io.drc.strategies.handlers;

import io.drc.strategies.step.Hooks;
import io.drc.strategies.step.StepContext;
import io.drc.strategies.step.StepHandler;
import io.drc.strategies.step.StepParameters;
import io.drc.strategies.step.StepResult;

/** {@code drc:hook:run}: runs the application hook named by {@code hook} (e.g. freeze, unfreeze) through {@link Hooks}. */
public final class HookHandler implements StepHandler {
    private final Hooks hooks;

    public HookHandler(Hooks hooks) {
        this.hooks = hooks;
    }

    @Override
    public String resource() {
        return "drc:hook:run";
    }

    @Override
    public Class<Hooks.Call> parameterType() {
        return Hooks.Call.class;
    }

    @Override
    public StepResult execute(StepContext context) {
        return hooks.run(StepParameters.read(context, Hooks.Call.class), context);
    }
}
