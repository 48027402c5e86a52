package io.drc.controller.config.checks;

import io.drc.controller.DrcConfiguration;
import io.drc.controller.engine.EngineHandlers;
import io.drc.strategies.engine.ExecutionKind;
import io.drc.controller.engine.RecoveredHandler;
import io.drc.controller.engine.RunbookCatalog;
import io.drc.controller.engine.RunbookLoader;
import io.drc.strategies.runbook.RunbookException;
import io.drc.strategies.runbook.RunbookProblem;
import io.drc.strategies.runbook.RunbookValidator;
import io.drc.strategies.step.StepHandlers;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The configured strategy's failover and fail-back runbooks load, name only known states and handlers, and mark
 * the moment the recovered region serves ({@code drc:execution:recovered}) on every way to success.
 */
public final class RunbooksCheck implements ConfigCheck {
    static final List<ExecutionKind> KINDS = List.of(ExecutionKind.FAILOVER, ExecutionKind.FAILBACK);

    @Override
    public List<Problem> check(DrcConfiguration configuration) {
        if (configuration.getStrategy() == null || configuration.getEngine() == null) {
            return List.of();
        }
        try {
            RunbookCatalog catalog = load(configuration);
            List<Problem> problems = new ArrayList<>();
            for (ExecutionKind kind : KINDS) {
                catalog.find(configuration.getStrategy().typeName(), kind).ifPresent(entry -> RunbookValidator
                        .requireOnEverySuccess(entry.runbook(), RecoveredHandler.RESOURCE).forEach(p -> problems.add(
                                new Problem("engine.runbooks", p.toString(), "add a Task with \"Resource\": \""
                                        + RecoveredHandler.RESOURCE + "\" once the recovered region serves (targets "
                                        + "healthy, DNS INSYNC), before every successful end"))));
            }
            return problems;
        } catch (RunbookException e) {
            return e.problems().stream().map(RunbooksCheck::toProblem).toList();
        }
    }

    /** The configured strategy's runbooks, validated against the handlers the daemon runs. */
    static RunbookCatalog load(DrcConfiguration configuration) {
        StepHandlers handlers = EngineHandlers.names(null);
        return RunbookLoader.load(Path.of(configuration.getEngine().runbooks()),
                List.of(configuration.getStrategy()), r -> EngineHandlers.known(handlers, r));
    }

    private static Problem toProblem(RunbookProblem p) {
        boolean unknownResource = p.reason().contains("is not a known step handler");
        return new Problem("engine.runbooks", p.toString(), unknownResource
                ? "use one of " + EngineHandlers.names(null).resources() + " or drc:approval"
                : "correct the runbook, or point engine.runbooks at a directory of valid runbooks");
    }
}
