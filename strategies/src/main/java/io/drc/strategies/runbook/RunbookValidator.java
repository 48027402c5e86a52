package io.drc.strategies.runbook;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Checks a parsed runbook against what drc can run: every Next/Default/Catch target exists, every state is
 * reachable from StartAt and can itself reach an end (End, Succeed or Fail: no loop without a way out), state names
 * are unique in the whole runbook (Parallel branches included, as in Step Functions), every Task names a known step
 * handler, every path is valid JSONPath.
 */
public final class RunbookValidator {
    private final Predicate<String> knownResource;
    private final List<RunbookProblem> problems = new ArrayList<>();

    private RunbookValidator(Predicate<String> knownResource) {
        this.knownResource = knownResource;
    }

    public static List<RunbookProblem> validate(Runbook runbook, Predicate<String> knownResource) {
        RunbookValidator validator = new RunbookValidator(knownResource);
        validator.check(runbook);
        validator.checkUniqueNames(runbook, new HashMap<>());
        return List.copyOf(validator.problems);
    }

    private void check(Runbook runbook) {
        if (runbook.startAt() == null || !runbook.states().containsKey(runbook.startAt())) {
            problem(runbook, null, "StartAt '" + runbook.startAt() + "' names no state; states are " + runbook.states().keySet());
        }
        for (State state : runbook.states().values()) {
            for (String target : targets(state)) {
                if (target != null && !runbook.states().containsKey(target)) {
                    problem(runbook, state.name(), "goes to '" + target + "', which is not a state of this runbook"
                            + " (dangling Next); states are " + runbook.states().keySet());
                }
            }
            checkState(runbook, state);
        }
        Set<String> reachable = reachable(runbook);
        runbook.states().keySet().stream().filter(n -> !reachable.contains(n))
                .forEach(n -> problem(runbook, n, "is unreachable from StartAt '" + runbook.startAt() + "'"));
        Set<String> ending = ending(runbook);
        runbook.states().keySet().stream().filter(n -> reachable.contains(n) && !ending.contains(n))
                .forEach(n -> problem(runbook, n, "can reach no end (End: true, Succeed or Fail): an execution "
                        + "here would loop for ever; give the loop a way out"));
    }

    /** Where a name was first used, for the message about its second use. */
    private void checkUniqueNames(Runbook runbook, Map<String, String> firstSource) {
        for (State state : runbook.states().values()) {
            String earlier = firstSource.putIfAbsent(state.name(), runbook.source());
            if (earlier != null) {
                problem(runbook, state.name(), "the state name is also used in " + earlier + "; state names must be "
                        + "unique in the whole runbook, Parallel branches included");
            }
            if (state instanceof State.Parallel p) {
                p.branches().forEach(branch -> checkUniqueNames(branch, firstSource));
            }
        }
    }

    /**
     * Problems when {@code runbook} can succeed without running a Task of {@code resource}: every way from StartAt to
     * a Succeed state or an End passes one (a Parallel counts when one of its branches always does). The runner
     * learns from such a Task that the recovered region serves, so a failover must not end without it.
     */
    public static List<RunbookProblem> requireOnEverySuccess(Runbook runbook, String resource) {
        Set<String> seen = new LinkedHashSet<>();
        Deque<String> todo = new ArrayDeque<>();
        if (runbook.startAt() != null) {
            todo.add(runbook.startAt());
        }
        while (!todo.isEmpty()) {
            State state = runbook.states().get(todo.poll());
            if (state == null || !seen.add(state.name()) || marks(state, resource)) {
                continue;
            }
            if (state instanceof State.Succeed || RunbookStates.transition(state).end()) {
                String what = contains(runbook, resource) ? "can be reached without passing" : "the runbook has no";
                return List.of(new RunbookProblem(runbook.source(), state.name(), "ends the execution successfully, but "
                        + what + " Task with Resource '" + resource + "' on the way: nothing would record that the "
                        + "recovered region serves (recoveredAt, RTO, which region serves)"));
            }
            todo.addAll(targets(state).stream().filter(t -> t != null).toList());
        }
        return List.of();
    }

    private static boolean marks(State state, String resource) {
        if (state instanceof State.Task t) {
            return resource.equals(t.resource());
        }
        return state instanceof State.Parallel p
                && p.branches().stream().anyMatch(b -> requireOnEverySuccess(b, resource).isEmpty() && contains(b, resource));
    }

    private static boolean contains(Runbook runbook, String resource) {
        return runbook.states().values().stream().anyMatch(s -> s instanceof State.Task t && resource.equals(t.resource())
                || s instanceof State.Parallel p && p.branches().stream().anyMatch(b -> contains(b, resource)));
    }

    private void checkState(Runbook runbook, State state) {
        if (state instanceof State.Task t) {
            if (t.resource() != null && !knownResource.test(t.resource())) {
                problem(runbook, t.name(), "Resource '" + t.resource() + "' is not a known step handler");
            }
            checkParameters(runbook, t.name(), t.parameters());
            checkResultPath(runbook, t.name(), t.resultPath());
            checkRetry(runbook, t.name(), t.retry());
            t.catchers().forEach(c -> checkResultPath(runbook, t.name(), c.resultPath()));
        } else if (state instanceof State.Parallel p) {
            p.branches().forEach(this::check);
            checkResultPath(runbook, p.name(), p.resultPath());
            checkRetry(runbook, p.name(), p.retry());
        } else if (state instanceof State.Choice c) {
            c.choices().forEach(rule -> checkRule(runbook, c.name(), rule));
        } else if (state instanceof State.Wait w && w.secondsPath() != null) {
            path(runbook, w.name(), w.secondsPath());
        } else if (state instanceof State.Pass p) {
            checkResultPath(runbook, p.name(), p.resultPath());
        }
    }

    private void checkParameters(Runbook runbook, String state, JsonNode parameters) {
        if (parameters == null || !parameters.isContainerNode()) {
            return;
        }
        parameters.fields().forEachRemaining(e -> {
            if (e.getKey().endsWith(".$")) {
                path(runbook, state, e.getValue().asText());
            } else {
                checkParameters(runbook, state, e.getValue());
            }
        });
    }

    private void checkRule(Runbook runbook, String state, ChoiceRule rule) {
        if (rule instanceof ChoiceRule.Comparison c) {
            path(runbook, state, c.variable());
        } else if (rule instanceof ChoiceRule.And a) {
            a.rules().forEach(r -> checkRule(runbook, state, r));
        } else if (rule instanceof ChoiceRule.Or o) {
            o.rules().forEach(r -> checkRule(runbook, state, r));
        } else if (rule instanceof ChoiceRule.Not n) {
            checkRule(runbook, state, n.rule());
        }
    }

    private void checkRetry(Runbook runbook, String state, List<State.Retrier> retry) {
        for (int i = 0; i < retry.size(); i++) {
            List<String> errors = retry.get(i).errorEquals();
            if (errors.contains("States.ALL") && (errors.size() > 1 || i != retry.size() - 1)) {
                problem(runbook, state, "States.ALL must appear alone in the last Retry entry");
            }
        }
    }

    private void checkResultPath(Runbook runbook, String state, String resultPath) {
        String problem = DataPaths.resultPathProblem(resultPath);
        if (problem != null) {
            problem(runbook, state, problem);
        }
    }

    private void path(Runbook runbook, String state, String path) {
        String problem = DataPaths.pathProblem(path);
        if (problem != null) {
            problem(runbook, state, "bad path: " + problem);
        }
    }

    private static List<String> targets(State state) {
        List<String> out = new ArrayList<>();
        if (state instanceof State.Choice c) {
            c.choices().forEach(r -> out.add(r.next()));
            out.add(c.defaultNext());
        } else {
            out.add(RunbookStates.transition(state).next());
            RunbookStates.catchers(state).forEach(c -> out.add(c.next()));
        }
        return out;
    }

    /** States from which an end can be reached: End transitions, Succeed, Fail, and whatever leads to them. */
    private static Set<String> ending(Runbook runbook) {
        Set<String> ending = new HashSet<>();
        boolean grew = true;
        while (grew) {
            grew = false;
            for (State state : runbook.states().values()) {
                if (!ending.contains(state.name()) && (ends(state) || targets(state).stream().anyMatch(ending::contains))) {
                    grew |= ending.add(state.name());
                }
            }
        }
        return ending;
    }

    private static boolean ends(State state) {
        return state instanceof State.Succeed || state instanceof State.Fail || RunbookStates.transition(state).end();
    }

    private static Set<String> reachable(Runbook runbook) {
        Set<String> seen = new LinkedHashSet<>();
        Deque<String> todo = new ArrayDeque<>();
        if (runbook.startAt() != null) {
            todo.add(runbook.startAt());
        }
        while (!todo.isEmpty()) {
            String name = todo.poll();
            State state = runbook.states().get(name);
            if (state != null && seen.add(name)) {
                targets(state).stream().filter(t -> t != null).forEach(todo::add);
            }
        }
        return new HashSet<>(seen);
    }

    private void problem(Runbook runbook, String state, String reason) {
        problems.add(new RunbookProblem(runbook.source(), state, reason));
    }
}
