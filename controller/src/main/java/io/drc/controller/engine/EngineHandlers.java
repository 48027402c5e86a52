package io.drc.controller.engine;

import io.drc.controller.config.HooksConfig;
import io.drc.strategies.aws.AwsClients;
import io.drc.strategies.engine.RunbookInterpreter;
import io.drc.strategies.handlers.HttpHooks;
import io.drc.strategies.handlers.LoggingHooks;
import io.drc.strategies.handlers.StepHandlerCatalog;
import io.drc.strategies.serving.ServingTopology;
import io.drc.strategies.step.Hooks;
import io.drc.strategies.step.StepHandler;
import io.drc.strategies.step.StepHandlers;
import java.net.http.HttpClient;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The step handlers the daemon runs: every AWS handler of the catalog plus the engine's own recovery mark. */
public final class EngineHandlers {
    private EngineHandlers() {
    }

    /** The handlers' names only: nothing may run them ({@code check} passes a null {@code aws}). */
    public static StepHandlers names(AwsClients aws) {
        return all(aws, new LoggingHooks(), ServingTopology.none());
    }

    /** @param production what destructive steps must never take down while it serves */
    public static StepHandlers all(AwsClients aws, Hooks hooks, ServingTopology production) {
        StepHandlers catalog = StepHandlerCatalog.all(aws, hooks, production);
        List<StepHandler> handlers = new ArrayList<>();
        catalog.resources().forEach(r -> handlers.add(catalog.find(r).orElseThrow()));
        handlers.add(new RecoveredHandler());
        return new StepHandlers(handlers);
    }

    /** The application's hooks from {@code recovery.hooks}: HTTP endpoints, the rest only logged. */
    public static Hooks hooks(HooksConfig config) {
        Map<String, HttpHooks.Endpoint> endpoints = new LinkedHashMap<>();
        config.byName().forEach((name, hook) ->
                endpoints.put(name, new HttpHooks.Endpoint(hook.url(), hook.timeout().toJavaDuration())));
        return new HttpHooks(endpoints, HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build());
    }

    /** Task resources a runbook may name: the handlers', and the approval state the interpreter handles. */
    public static boolean known(StepHandlers handlers, String resource) {
        return handlers.knows(resource) || RunbookInterpreter.APPROVAL.equals(resource);
    }
}
