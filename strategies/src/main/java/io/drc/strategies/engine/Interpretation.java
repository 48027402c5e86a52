package io.drc.strategies.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.drc.strategies.runbook.DataPaths;
import io.drc.strategies.runbook.Runbook;
import io.drc.strategies.runbook.RunbookStates;
import io.drc.strategies.runbook.State;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One decision in the making: a working copy of the execution that the interpreter's rules change. */
final class Interpretation {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private final Runbook root;
    private final ExecutionState original;
    private final Instant now;
    private final Map<String, Branch> branches;
    private final List<Command> commands = new ArrayList<>();
    private int nextBranch;
    private ExecutionState.Status status;
    private JsonNode output;
    private String error;
    private String cause;

    Interpretation(Runbook root, ExecutionState state, Instant now) {
        this.root = root;
        this.original = state;
        this.now = now;
        this.branches = new LinkedHashMap<>(state.branches());
        this.nextBranch = state.nextBranch();
        this.status = state.status();
    }

    void start() {
        status = ExecutionState.Status.RUNNING;
        enter(newBranch(null, List.of()), root.startAt(), original.input());
    }

    void enter(Branch branch, String stateName, JsonNode input) {
        Branch b = branch.at(stateName, input, Branch.Phase.RUNNING, now);
        State state = runbookOf(b).state(stateName);
        if (state instanceof State.Task task) {
            enterTask(b, task);
        } else if (state instanceof State.Parallel parallel) {
            startChildren(b, parallel);
        } else if (state instanceof State.Choice choice) {
            String next = Choices.pick(choice, input, context(b));
            if (next == null) {
                failBranch(put(b), "States.NoChoiceMatched", "no rule of Choice state '" + stateName + "' matched");
            } else {
                enter(b, next, input);
            }
        } else if (state instanceof State.Wait wait) {
            Long seconds = waitSeconds(wait, input, b);
            if (seconds == null) {
                failBranch(put(b), RunbookInterpreter.RUNTIME_ERROR, "state '" + stateName + "': SecondsPath '"
                        + wait.secondsPath() + "' names no whole number of seconds >= 0 in the state input");
                return;
            }
            put(b.with(Branch.Phase.WAITING));
            commands.add(new Command.StartTimer(b.ref(), now.plusSeconds(seconds)));
        } else if (state instanceof State.Pass pass) {
            advance(put(b), pass.transition(), DataPaths.place(input, pass.resultPath(),
                    pass.result() != null ? pass.result() : input));
        } else if (state instanceof State.Succeed) {
            complete(put(b), input);
        } else {
            State.Fail fail = (State.Fail) state;
            failBranch(put(b), fail.error(), fail.cause());
        }
    }

    private void enterTask(Branch b, State.Task task) {
        if (RunbookInterpreter.APPROVAL.equals(task.resource())) {
            put(b.with(Branch.Phase.APPROVAL));
            commands.add(new Command.AwaitApproval(b.ref()));
            return;
        }
        JsonNode parameters;
        try {
            parameters = DataPaths.resolve(task.parameters(), b.input(), context(b));
        } catch (DataPaths.MissingPathException e) {
            // Step Functions' rule: a reference to nothing fails the state, unlike a value that is null
            failBranch(put(b), RunbookInterpreter.RUNTIME_ERROR, "state '" + task.name() + "': " + e.getMessage());
            return;
        }
        put(b.with(Branch.Phase.RUNNING));
        commands.add(new Command.RunTask(b.ref(), task.resource(), parameters, task.timeoutSeconds()));
    }

    private void startChildren(Branch parent, State.Parallel parallel) {
        List<String> ids = new ArrayList<>();
        List<Branch> children = new ArrayList<>();
        for (int i = 0; i < parallel.branches().size(); i++) {
            List<Branch.Scope> scope = new ArrayList<>(parent.scope());
            scope.add(new Branch.Scope(parallel.name(), i));
            Branch child = newBranch(parent.id(), List.copyOf(scope));
            ids.add(child.id());
            children.add(child);
        }
        children.forEach(this::put); // all known before any runs: one that fails at once cancels its siblings
        put(parent.withChildren(List.copyOf(ids)));
        for (int i = 0; i < children.size(); i++) {
            Branch child = branches.get(children.get(i).id());
            if (!child.phase().ended()) {
                enter(child, parallel.branches().get(i).startAt(), parent.input());
            }
        }
    }

    void taskSucceeded(Branch b, JsonNode result) {
        State state = runbookOf(b).state(b.state());
        String resultPath = state instanceof State.Task t ? t.resultPath() : ((State.Parallel) state).resultPath();
        advance(b, RunbookStates.transition(state), DataPaths.place(b.input(), resultPath, result));
    }

    void taskFailed(Branch b, String errorName, String errorCause) {
        State state = runbookOf(b).state(b.state());
        var retry = ErrorMatcher.retry(RunbookStates.retriers(state), b.retries(), errorName);
        if (retry.isPresent()) {
            Branch waiting = put(b.retrying(retry.get().retries()));
            commands.add(new Command.StartTimer(waiting.ref(), now.plusMillis(retry.get().delayMillis())));
            return;
        }
        var catcher = ErrorMatcher.catcher(RunbookStates.catchers(state), errorName);
        if (catcher.isPresent()) {
            ObjectNode info = JSON.objectNode().put("Error", errorName).put("Cause", errorCause);
            enter(b, catcher.get().next(), DataPaths.place(b.input(), catcher.get().resultPath(), info));
            return;
        }
        failBranch(b, errorName, errorCause);
    }

    void timerFired(Branch b) {
        State state = runbookOf(b).state(b.state());
        if (b.phase() == Branch.Phase.WAITING) {
            advance(b, RunbookStates.transition(state), b.input());
        } else if (state instanceof State.Parallel parallel) {
            startChildren(b, parallel);
        } else {
            enterTask(b, (State.Task) state);
        }
    }

    /**
     * Ends the execution CANCELLED, unless the top-level state in progress has a Catch naming
     * {@value RunbookInterpreter#CANCELLED} explicitly ({@code States.ALL} does not count): then that catcher is
     * followed like any caught error, e.g. into a drill's cleanup, and the execution ends CANCELLED when that error
     * ends it. Runbooks without such a catcher are cancelled at once, as before.
     */
    void cancel(String requestedBy) {
        String why = "cancelled by " + requestedBy;
        Branch top = branches.values().stream().filter(b -> b.parentId() == null && !b.phase().ended()).findFirst()
                .orElse(null);
        State.Catcher catcher = top == null || top.state() == null ? null
                : RunbookStates.catchers(runbookOf(top).state(top.state())).stream()
                .filter(c -> c.errorEquals().contains(RunbookInterpreter.CANCELLED)).findFirst().orElse(null);
        if (catcher == null) {
            finish(ExecutionState.Status.CANCELLED, null, RunbookInterpreter.CANCELLED, why);
            return;
        }
        cancelBranches(top.children());
        ObjectNode info = JSON.objectNode().put("Error", RunbookInterpreter.CANCELLED).put("Cause", why);
        enter(top, catcher.next(), DataPaths.place(top.input(), catcher.resultPath(), info));
    }

    private void advance(Branch b, State.Transition transition, JsonNode result) {
        if (transition.end()) {
            complete(b, result);
        } else {
            enter(b, transition.next(), result);
        }
    }

    private void complete(Branch b, JsonNode result) {
        put(b.succeeded(result));
        if (b.parentId() == null) {
            finish(ExecutionState.Status.SUCCEEDED, result, null, null);
            return;
        }
        Branch parent = branches.get(b.parentId());
        ArrayNode results = JSON.arrayNode();
        for (String childId : parent.children()) {
            Branch child = branches.get(childId);
            if (child.phase() != Branch.Phase.SUCCEEDED) {
                return;
            }
            results.add(child.output());
        }
        taskSucceeded(parent, results);
    }

    private void failBranch(Branch b, String errorName, String errorCause) {
        put(b.failed(errorName, errorCause));
        if (b.parentId() == null) {
            finish(RunbookInterpreter.CANCELLED.equals(errorName) ? ExecutionState.Status.CANCELLED
                    : ExecutionState.Status.FAILED, null, errorName, errorCause);
            return;
        }
        Branch parent = branches.get(b.parentId());
        cancelBranches(parent.children());
        taskFailed(parent, errorName, errorCause);
    }

    private void finish(ExecutionState.Status end, JsonNode result, String errorName, String errorCause) {
        status = end;
        output = result;
        error = errorName;
        cause = errorCause;
        cancelBranches(List.copyOf(branches.keySet()));
        commands.add(new Command.Finish(end));
    }

    private void cancelBranches(List<String> ids) {
        for (String id : ids) {
            Branch branch = branches.get(id);
            if (!branch.phase().ended()) {
                put(branch.with(Branch.Phase.CANCELLED));
                cancelBranches(branch.children());
            }
        }
    }

    Decision decision() {
        if (!status.ended()) {
            boolean approval = branches.values().stream().anyMatch(b -> b.phase() == Branch.Phase.APPROVAL);
            status = approval ? ExecutionState.Status.WAITING_APPROVAL : ExecutionState.Status.RUNNING;
        }
        ExecutionState next = new ExecutionState(original.executionId(), original.startedAt(), original.input(), status,
                java.util.Collections.unmodifiableMap(new LinkedHashMap<>(branches)),
                nextBranch, output, error, cause);
        return new Decision(next, List.copyOf(commands));
    }

    private Branch newBranch(String parentId, List<Branch.Scope> scope) {
        return new Branch("b" + nextBranch++, parentId, scope, null, null, Branch.Phase.RUNNING, 1, Map.of(), now,
                List.of(), null, null, null);
    }

    private Branch put(Branch b) {
        branches.put(b.id(), b);
        return b;
    }

    private Runbook runbookOf(Branch b) {
        Runbook runbook = root;
        for (Branch.Scope s : b.scope()) {
            runbook = ((State.Parallel) runbook.state(s.parallelState())).branches().get(s.index());
        }
        return runbook;
    }

    /** The Wait's seconds; null when its SecondsPath names nothing or no whole number >= 0. */
    private Long waitSeconds(State.Wait wait, JsonNode input, Branch b) {
        if (wait.seconds() != null) {
            return wait.seconds().longValue();
        }
        JsonNode value = DataPaths.read(wait.secondsPath(), input, context(b));
        return value != null && value.isIntegralNumber() && value.canConvertToLong() && value.asLong() >= 0
                ? value.asLong() : null;
    }

    private JsonNode context(Branch b) {
        return DataPaths.context(original.executionId(), original.startedAt(), original.input(), b.state(),
                b.enteredAt(), b.attempt() - 1);
    }
}
