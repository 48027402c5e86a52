package io.drc.controller.config.checks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dropwizard.jackson.Jackson;
import io.drc.controller.DrcConfiguration;
import io.drc.controller.engine.DrillInputs;
import io.drc.controller.engine.EngineHandlers;
import io.drc.strategies.engine.ExecutionKind;
import io.drc.controller.engine.RecoveryInputs;
import io.drc.controller.engine.RunbookCatalog;
import io.drc.strategies.runbook.ParameterValidator;
import io.drc.strategies.runbook.Runbook;
import io.drc.strategies.step.StepHandlers;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Every Task of the configured strategy's runbooks, resolved against the runbook input this configuration builds
 * for that direction (and for a drill, {@link DrillInputs#runbookInput}) and checked with its step handler's parameter record: a
 * {@code key.$} naming nothing (it would fail the failover with {@code States.Runtime}) or a parameter the handler
 * would refuse stops {@code check} and the daemon's start, not a failover halfway through. Needs a configuration
 * without other problems, since the input is built from it.
 */
final class RunbookInputsCheck implements ConfigCheck {
    /** The input's JSON as the executions store it: Jackson's defaults keep null fields (optional settings). */
    private static final ObjectMapper JSON = Jackson.newObjectMapper();
    /** Unlike recovery runbooks, a drill's need not record recovery (RunbooksCheck), but its Tasks are checked too. */
    private static final List<ExecutionKind> KINDS = List.of(ExecutionKind.FAILOVER, ExecutionKind.FAILBACK,
            ExecutionKind.DRILL);
    /** An execution id in the daemon's form, for the drill input's names. */
    private static final String CHECKED_DRILL_ID = "exec-00000000-0000-0000-0000-000000000000";

    @Override
    public List<Problem> check(DrcConfiguration config) {
        RunbookCatalog catalog = RunbooksCheck.load(config);
        StepHandlers handlers = EngineHandlers.names(null);
        List<Problem> problems = new ArrayList<>();
        for (ExecutionKind kind : KINDS) {
            Optional<Runbook> runbook = catalog.find(config.getStrategy().typeName(), kind).map(RunbookCatalog.Entry::runbook);
            if (runbook.isEmpty()) {
                continue;
            }
            JsonNode input = DrillInputs.runbookInput(config, kind, CHECKED_DRILL_ID, JSON);
            String sides = "recovery.regions." + RecoveryInputs.sourceRegion(config, kind) + " and recovery.regions."
                    + RecoveryInputs.targetRegion(config, kind);
            ParameterValidator.validate(runbook.get(), input, handlers::parameterProblem).forEach(p -> problems.add(
                    new Problem("engine.runbooks", p + " (with the " + kind.wireName() + " input built from the "
                            + "configuration)", "the input's source and target are " + sides + " (see RecoveryInput):"
                            + " configure what the Task reads there, or correct the Task's Parameters")));
        }
        return problems;
    }
}
