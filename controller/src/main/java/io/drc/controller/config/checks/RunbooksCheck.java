package io.drc.controller.config.checks;

import io.drc.controller.DrcConfiguration;
import io.drc.controller.engine.RunbookLoader;
import io.drc.controller.engine.EngineHandlers;
import io.drc.strategies.runbook.RunbookException;
import io.drc.strategies.runbook.RunbookProblem;
import io.drc.strategies.step.StepHandlers;
import java.nio.file.Path;
import java.util.List;

/** The configured strategy's failover and fail-back runbooks load and name only known states and handlers. */
public final class RunbooksCheck implements ConfigCheck {
    @Override
    public List<Problem> check(DrcConfiguration configuration) {
        if (configuration.getStrategy() == null || configuration.getEngine() == null) {
            return List.of();
        }
        StepHandlers handlers = EngineHandlers.names(null);
        try {
            RunbookLoader.load(Path.of(configuration.getEngine().runbooks()),
                    List.of(configuration.getStrategy()), r -> EngineHandlers.known(handlers, r));
            return List.of();
        } catch (RunbookException e) {
            return e.problems().stream().map(RunbooksCheck::toProblem).toList();
        }
    }

    private static Problem toProblem(RunbookProblem p) {
        boolean unknownResource = p.reason().contains("is not a known step handler");
        return new Problem("engine.runbooks", p.toString(), unknownResource
                ? "use one of " + EngineHandlers.names(null).resources() + " or drc:approval"
                : "correct the runbook, or point engine.runbooks at a directory of valid runbooks");
    }
}
