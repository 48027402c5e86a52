package io.drc.strategies.handlers;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.drc.strategies.step.Hooks;
import io.drc.strategies.step.StepContext;
import io.drc.strategies.step.StepResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The hooks of an application that configured none (and those {@link HttpHooks} has no endpoint for): each hook
 * succeeds at once, with a warning in the log that nothing was done (a fail-back that "froze writes" this way did
 * not freeze anything).
 */
public final class LoggingHooks implements Hooks {
    private static final Logger LOG = LoggerFactory.getLogger(LoggingHooks.class);

    @Override
    public StepResult run(Hooks.Call call, StepContext context) {
        String hook = call.hook();
        LOG.warn("execution {} step {}: hook '{}' has no action configured (recovery.hooks.{}); continuing without it",
                context.executionId(), context.stepName(), hook, hook);
        return new StepResult.Succeeded(JsonNodeFactory.instance.objectNode().put("hook", hook)
                .put("action", "none configured"));
    }
}
