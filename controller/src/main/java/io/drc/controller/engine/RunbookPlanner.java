package io.drc.controller.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import io.drc.controller.api.PlannedStep;
import io.drc.strategies.runbook.ChoiceRule;
import io.drc.strategies.runbook.DataPaths;
import io.drc.strategies.runbook.Runbook;
import io.drc.strategies.runbook.RunbookStates;
import io.drc.strategies.runbook.State;
import io.drc.strategies.step.PlannedChange;
import io.drc.strategies.step.StepContext;
import io.drc.strategies.step.StepFailures;
import io.drc.strategies.step.StepHandler;
import io.drc.strategies.step.StepHandlers;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A dry run: the runbook's Task states along its normal path (error paths reached only by Catch are left out;
 * Parallel branches listed in turn), their Parameters resolved against the execution input, and each mutating
 * step's {@link StepHandler#plan} — read-only lookups of what would change. Parameters that depend on an earlier
 * step's result resolve to null here.
 */
public final class RunbookPlanner {
    private final StepHandlers handlers;
    private final Clock clock;

    public RunbookPlanner(StepHandlers handlers, Clock clock) {
        this.handlers = handlers;
        this.clock = clock;
    }

    public List<PlannedStep> plan(Runbook runbook, JsonNode input) {
        List<PlannedStep> out = new ArrayList<>();
        walk(runbook, input, null, out);
        return out;
    }

    private void walk(Runbook runbook, JsonNode input, String branch, List<PlannedStep> out) {
        Set<String> seen = new LinkedHashSet<>();
        List<String> todo = new ArrayList<>(List.of(runbook.startAt()));
        while (!todo.isEmpty()) {
            String name = todo.remove(0);
            if (!seen.add(name) || !runbook.states().containsKey(name)) {
                continue;
            }
            State state = runbook.state(name);
            if (state instanceof State.Task task) {
                out.add(step(task, input, branch));
            } else if (state instanceof State.Parallel parallel) {
                for (int i = 0; i < parallel.branches().size(); i++) {
                    walk(parallel.branches().get(i), input, name + "[" + i + "]", out);
                }
            }
            todo.addAll(0, next(state));
        }
    }

    private static List<String> next(State state) {
        if (state instanceof State.Choice choice) {
            List<String> targets = new ArrayList<>(choice.choices().stream().map(ChoiceRule::next).toList());
            if (choice.defaultNext() != null) {
                targets.add(choice.defaultNext());
            }
            return targets;
        }
        if (state instanceof State.Succeed || state instanceof State.Fail) {
            return List.of();
        }
        String next = RunbookStates.transition(state).next();
        return next == null ? List.of() : List.of(next);
    }

    private PlannedStep step(State.Task task, JsonNode input, String branch) {
        Instant now = clock.instant();
        JsonNode context = DataPaths.context("dry-run", now, input, task.name(), now, 0);
        // a reference to an earlier step's result has no value before the run: shown as null
        JsonNode parameters = DataPaths.resolve(task.parameters(), input, context, missing -> NullNode.getInstance());
        StepHandler handler = handlers.find(task.resource()).orElse(null);
        boolean mutating = handler != null && handler.mutating();
        if (!mutating) {
            return new PlannedStep(task.name(), task.resource(), branch, false, parameters, List.of(), null);
        }
        try {
            List<PlannedChange> changes = handler.plan(new StepContext("dry-run", task.name(), parameters, null, 1,
                    now, now));
            return new PlannedStep(task.name(), task.resource(), branch, true, parameters, changes, null);
        } catch (RuntimeException e) {
            var failed = StepFailures.classify(e);
            return new PlannedStep(task.name(), task.resource(), branch, true, parameters, List.of(),
                    failed.error() + ": " + failed.cause());
        }
    }
}
