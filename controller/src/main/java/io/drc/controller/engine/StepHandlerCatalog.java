package io.drc.controller.engine;

import io.drc.strategies.aws.AwsClients;
import io.drc.strategies.handlers.AwaitDatabaseHandler;
import io.drc.strategies.handlers.AwaitDnsChangeHandler;
import io.drc.strategies.handlers.AwaitGroupsInServiceHandler;
import io.drc.strategies.handlers.AwaitHealthyTargetsHandler;
import io.drc.strategies.handlers.PromoteReplicaHandler;
import io.drc.strategies.handlers.ScaleGroupsHandler;
import io.drc.strategies.handlers.SetDnsWeightsHandler;
import io.drc.strategies.step.StepHandlers;
import java.util.List;

/** The step handlers the daemon runs; a new handler is added here. */
public final class StepHandlerCatalog {
    private StepHandlerCatalog() {
    }

    /** Handlers touch {@code aws} only when they run, so {@code check} may pass null to learn their names. */
    public static StepHandlers standard(AwsClients aws) {
        return new StepHandlers(List.of(
                new ScaleGroupsHandler(aws),
                new AwaitGroupsInServiceHandler(aws),
                new AwaitHealthyTargetsHandler(aws),
                new PromoteReplicaHandler(aws),
                new AwaitDatabaseHandler(aws),
                new SetDnsWeightsHandler(aws),
                new AwaitDnsChangeHandler(aws),
                new RecoveredHandler()));
    }

    /** Task resources a runbook may name: the handlers', and the approval state the interpreter handles. */
    public static boolean known(StepHandlers handlers, String resource) {
        return handlers.knows(resource) || io.drc.strategies.engine.RunbookInterpreter.APPROVAL.equals(resource);
    }
}
