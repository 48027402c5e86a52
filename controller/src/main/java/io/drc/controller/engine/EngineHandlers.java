package io.drc.controller.engine;

import io.drc.strategies.aws.AwsClients;
import io.drc.strategies.engine.RunbookInterpreter;
import io.drc.strategies.handlers.LoggingHooks;
import io.drc.strategies.handlers.StepHandlerCatalog;
import io.drc.strategies.step.StepHandler;
import io.drc.strategies.step.StepHandlers;
import java.util.ArrayList;
import java.util.List;

/** The step handlers the daemon runs: every AWS handler of the catalog plus the engine's own recovery mark. */
public final class EngineHandlers {
    private EngineHandlers() {
    }

    /** Handlers touch {@code aws} only when they run, so {@code check} may pass null to learn their names. */
    public static StepHandlers all(AwsClients aws) {
        StepHandlers catalog = StepHandlerCatalog.all(aws, new LoggingHooks());
        List<StepHandler> handlers = new ArrayList<>();
        catalog.resources().forEach(r -> handlers.add(catalog.find(r).orElseThrow()));
        handlers.add(new RecoveredHandler());
        return new StepHandlers(handlers);
    }

    /** Task resources a runbook may name: the handlers', and the approval state the interpreter handles. */
    public static boolean known(StepHandlers handlers, String resource) {
        return handlers.knows(resource) || RunbookInterpreter.APPROVAL.equals(resource);
    }
}
