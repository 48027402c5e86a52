package io.drc.strategies.runbook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Checks, before anything runs, every Task's Parameters against the input the runbook will be given: each
 * {@code key.$} must name something in that input — what would otherwise fail the execution with
 * {@code States.Runtime} halfway through a failover — and the resolved Parameters must be what the Task's step
 * handler reads ({@link ParameterRules}).
 *
 * <p>Results of states that may run earlier exist only while the runbook runs: a path at or under the ResultPath of
 * a state that can come before the Task (a Task's, Parallel's or Pass's ResultPath, a Catch's ResultPath on the way
 * it catches) counts as present, its value unknown and taken to be right. Which states can come before is followed
 * along Next, Default, Choices and Catch; a Parallel's branches see what came before the Parallel.
 */
public final class ParameterValidator {
    private static final String WHOLE_INPUT = "$";
    private static final Instant LOAD_TIME = Instant.EPOCH;

    /** What a Task's step handler accepts as Parameters. */
    @FunctionalInterface
    public interface ParameterRules {
        /**
         * Why the handler of {@code resource} would refuse {@code parameters}, or empty. Top-level parameters named
         * in {@code fromResults} hold results of earlier states (unknown before the run): take them as right.
         */
        Optional<String> problem(String resource, JsonNode parameters, Set<String> fromResults);
    }

    private final JsonNode input;
    private final ParameterRules rules;
    private final List<RunbookProblem> problems = new ArrayList<>();

    private ParameterValidator(JsonNode input, ParameterRules rules) {
        this.input = input;
        this.rules = rules;
    }

    /** Every problem of every Task of {@code runbook} (branches included) given {@code input}. */
    public static List<RunbookProblem> validate(Runbook runbook, JsonNode input, ParameterRules rules) {
        ParameterValidator validator = new ParameterValidator(input, rules);
        validator.check(runbook, Set.of());
        return List.copyOf(validator.problems);
    }

    private void check(Runbook runbook, Set<String> writtenBefore) {
        Map<String, Set<String>> written = writtenOnArrival(runbook, writtenBefore);
        for (Map.Entry<String, Set<String>> e : written.entrySet()) {
            State state = runbook.states().get(e.getKey());
            if (state instanceof State.Task task) {
                checkTask(runbook, task, e.getValue());
            } else if (state instanceof State.Parallel parallel) {
                parallel.branches().forEach(branch -> check(branch, e.getValue()));
            }
        }
    }

    private void checkTask(Runbook runbook, State.Task task, Set<String> written) {
        Set<String> fromResults = new LinkedHashSet<>();
        JsonNode context = DataPaths.context("(checked when loaded)", LOAD_TIME, input, task.name(), LOAD_TIME, 0);
        JsonNode parameters = DataPaths.resolve(task.parameters(), input, context, missing -> {
            fromResults.add(missing.parameter());
            if (!writes(written, missing.path())) {
                problems.add(new RunbookProblem(runbook.source(), task.name(), missing.describe()
                        + " (the runbook input), and no state before this one writes it with its ResultPath"));
            }
            return NullNode.getInstance();
        });
        rules.problem(task.resource(), parameters, fromResults)
                .ifPresent(problem -> problems.add(new RunbookProblem(runbook.source(), task.name(), problem)));
    }

    private static boolean writes(Set<String> written, String path) {
        return !path.startsWith("$$") && written.stream().anyMatch(w -> w.equals(WHOLE_INPUT) || path.equals(w)
                || path.startsWith(w + ".") || path.startsWith(w + "["));
    }

    /**
     * For each state reachable from StartAt, the ResultPaths that may have been written on some way to it: a small
     * data-flow fixpoint over the runbook's transitions.
     */
    private static Map<String, Set<String>> writtenOnArrival(Runbook runbook, Set<String> writtenBefore) {
        Map<String, Set<String>> written = new LinkedHashMap<>();
        Deque<String> todo = new ArrayDeque<>();
        if (runbook.startAt() == null || !runbook.states().containsKey(runbook.startAt())) {
            return written;
        }
        written.put(runbook.startAt(), new HashSet<>(writtenBefore));
        todo.add(runbook.startAt());
        while (!todo.isEmpty()) {
            String name = todo.poll();
            State state = runbook.states().get(name);
            for (Map.Entry<String, Set<String>> edge : edges(state, written.get(name)).entrySet()) {
                if (!runbook.states().containsKey(edge.getKey())) {
                    continue;
                }
                Set<String> there = written.get(edge.getKey());
                if (there == null) {
                    written.put(edge.getKey(), new HashSet<>(edge.getValue()));
                    todo.add(edge.getKey());
                } else if (there.addAll(edge.getValue())) {
                    todo.add(edge.getKey());
                }
            }
        }
        return written;
    }

    /** Where {@code state} may go, with what may have been written once it gets there. */
    private static Map<String, Set<String>> edges(State state, Set<String> in) {
        Map<String, Set<String>> out = new LinkedHashMap<>();
        if (state instanceof State.Choice choice) {
            choice.choices().forEach(rule -> out.merge(rule.next(), in, ParameterValidator::union));
            if (choice.defaultNext() != null) {
                out.merge(choice.defaultNext(), in, ParameterValidator::union);
            }
            return out;
        }
        String next = RunbookStates.transition(state).next();
        if (next != null) {
            out.merge(next, with(in, resultPath(state)), ParameterValidator::union);
        }
        for (State.Catcher catcher : RunbookStates.catchers(state)) {
            out.merge(catcher.next(), with(in, catcher.resultPath()), ParameterValidator::union);
        }
        return out;
    }

    /** Where {@code state} puts its result in its output; null when the output is its input unchanged. */
    private static String resultPath(State state) {
        if (state instanceof State.Task t) {
            return t.resultPath();
        } else if (state instanceof State.Parallel p) {
            return p.resultPath();
        } else if (state instanceof State.Pass p) {
            return p.result() == null && WHOLE_INPUT.equals(p.resultPath()) ? null : p.resultPath();
        }
        return null;
    }

    private static Set<String> with(Set<String> in, String resultPath) {
        if (resultPath == null) {
            return in;
        }
        Set<String> out = new HashSet<>(in);
        out.add(resultPath);
        return out;
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> out = new HashSet<>(a);
        out.addAll(b);
        return out;
    }
}
