package io.drc.strategies.engine;

import static io.drc.strategies.engine.InterpreterHarness.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.drc.strategies.engine.Command.RunTask;
import io.drc.strategies.engine.Command.StartTimer;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class RunbookInterpreterTest {
    private static final String LINEAR = "{'StartAt': 'Scale', 'States': {"
            + "'Scale': {'Type': 'Task', 'Resource': 'drc:autoscaling:scaleTo', 'Parameters': {'group.$': '$.asg', 'desired': 4},"
            + " 'ResultPath': '$.scaled', 'Next': 'Flip'},"
            + "'Flip': {'Type': 'Task', 'Resource': 'drc:route53:setWeights', 'Parameters': {'instances.$': '$.scaled.instances',"
            + " 'execution.$': '$$.Execution.Id'}, 'End': true}}}";

    @Test
    void linearRunbookPassesResultsForwardAndSucceeds() {
        InterpreterHarness run = new InterpreterHarness(LINEAR, "{'asg': 'web'}");
        RunTask scale = (RunTask) single(run.send(new Event.Started()));
        assertThat(scale.resource()).isEqualTo("drc:autoscaling:scaleTo");
        assertThat(scale.parameters()).isEqualTo(json("{'group': 'web', 'desired': 4}"));
        assertThat(run.state().status()).isEqualTo(ExecutionState.Status.RUNNING);

        RunTask flip = (RunTask) single(run.send(new Event.TaskSucceeded(scale.step(), json("{'instances': 4}"))));
        assertThat(flip.parameters()).isEqualTo(json("{'instances': 4, 'execution': 'exec-1'}"));

        List<Command> end = run.send(new Event.TaskSucceeded(flip.step(), json("{'changeId': 'C1'}")));
        assertThat(end).containsExactly(new Command.Finish(ExecutionState.Status.SUCCEEDED));
        assertThat(run.state().output()).isEqualTo(json("{'changeId': 'C1'}"));
    }

    @Test
    void duplicateOrLateEventsChangeNothing() {
        InterpreterHarness run = new InterpreterHarness(LINEAR, "{'asg': 'web'}");
        RunTask scale = (RunTask) single(run.send(new Event.Started()));
        run.send(new Event.TaskSucceeded(scale.step(), json("{}")));
        ExecutionState before = run.state();
        assertThat(run.send(new Event.TaskSucceeded(scale.step(), json("{}")))).isEmpty();
        assertThat(run.send(new Event.Started())).isEmpty();
        assertThat(run.send(new Event.TimerFired(scale.step()))).isEmpty();
        assertThat(run.state()).isEqualTo(before);
    }

    @Test
    void retryBacksOffPerEntryThenFails() {
        String rb = "{'StartAt': 'Promote', 'States': {'Promote': {'Type': 'Task', 'Resource': 'drc:rds:promote',"
                + " 'Retry': [{'ErrorEquals': ['Throttled'], 'IntervalSeconds': 2, 'MaxAttempts': 2, 'BackoffRate': 3}],"
                + " 'End': true}}}";
        InterpreterHarness run = new InterpreterHarness(rb, "{}");
        RunTask first = (RunTask) single(run.send(new Event.Started()));
        StartTimer wait1 = (StartTimer) single(run.send(new Event.TaskFailed(first.step(), "Throttled", "slow down")));
        assertThat(wait1.at()).isEqualTo(run.now().plusSeconds(2));
        RunTask second = (RunTask) single(run.send(new Event.TimerFired(wait1.step())));
        assertThat(second.step().attempt()).isEqualTo(2);
        assertThat(run.send(new Event.TaskFailed(first.step(), "Throttled", "stale"))).isEmpty();
        StartTimer wait2 = (StartTimer) single(run.send(new Event.TaskFailed(second.step(), "Throttled", "again")));
        assertThat(wait2.at()).isEqualTo(run.now().plusSeconds(6));
        RunTask third = (RunTask) single(run.send(new Event.TimerFired(wait2.step())));
        assertThat(third.step().attempt()).isEqualTo(3);
        assertThat(run.send(new Event.TaskFailed(third.step(), "Throttled", "gave up")))
                .containsExactly(new Command.Finish(ExecutionState.Status.FAILED));
        assertThat(run.state().error()).isEqualTo("Throttled");
        assertThat(run.state().cause()).isEqualTo("gave up");
    }

    @Test
    void catchRoutesTheErrorButTimeoutIsNotATaskFailure() {
        String rb = "{'StartAt': 'Fence', 'States': {'Fence': {'Type': 'Task', 'Resource': 'drc:ec2:fence',"
                + " 'Catch': [{'ErrorEquals': ['States.TaskFailed'], 'ResultPath': '$.fenceError', 'Next': 'Report'}],"
                + " 'End': true}, 'Report': {'Type': 'Pass', 'End': true}}}";
        InterpreterHarness caught = new InterpreterHarness(rb, "{'region': 'us-east-1'}");
        RunTask fence = (RunTask) single(caught.send(new Event.Started()));
        caught.send(new Event.TaskFailed(fence.step(), "RegionUnreachable", "no answer"));
        assertThat(caught.state().status()).isEqualTo(ExecutionState.Status.SUCCEEDED);
        assertThat(caught.state().output()).isEqualTo(json(
                "{'region': 'us-east-1', 'fenceError': {'Error': 'RegionUnreachable', 'Cause': 'no answer'}}"));

        InterpreterHarness timedOut = new InterpreterHarness(rb, "{}");
        RunTask again = (RunTask) single(timedOut.send(new Event.Started()));
        timedOut.send(new Event.TaskFailed(again.step(), "States.Timeout", "deadline"));
        assertThat(timedOut.state().status()).isEqualTo(ExecutionState.Status.FAILED);
    }

    @Test
    void parallelWaitsForEveryBranchAndCollectsOutputsInOrder() {
        String rb = "{'StartAt': 'Both', 'States': {'Both': {'Type': 'Parallel', 'ResultPath': '$.both', 'End': true,"
                + " 'Branches': [{'StartAt': 'Db', 'States': {'Db': {'Type': 'Task', 'Resource': 'drc:rds:promote', 'End': true}}},"
                + " {'StartAt': 'Web', 'States': {'Web': {'Type': 'Task', 'Resource': 'drc:asg:scale', 'End': true}}}]}}}";
        InterpreterHarness run = new InterpreterHarness(rb, "{'x': 1}");
        List<Command> started = run.send(new Event.Started());
        assertThat(started).hasSize(2).allMatch(c -> c instanceof RunTask);
        RunTask db = (RunTask) started.get(0);
        RunTask web = (RunTask) started.get(1);
        assertThat(run.send(new Event.TaskSucceeded(web.step(), json("'web-ok'")))).isEmpty();
        assertThat(run.send(new Event.TaskSucceeded(db.step(), json("'db-ok'"))))
                .containsExactly(new Command.Finish(ExecutionState.Status.SUCCEEDED));
        assertThat(run.state().output()).isEqualTo(json("{'x': 1, 'both': ['db-ok', 'web-ok']}"));
    }

    @Test
    void failedBranchCancelsItsSiblingsAndParallelRetryStartsFreshBranches() {
        String rb = "{'StartAt': 'Both', 'States': {'Both': {'Type': 'Parallel', 'End': true,"
                + " 'Retry': [{'ErrorEquals': ['States.ALL'], 'IntervalSeconds': 1, 'MaxAttempts': 1}],"
                + " 'Branches': [{'StartAt': 'A', 'States': {'A': {'Type': 'Task', 'Resource': 'drc:a', 'End': true}}},"
                + " {'StartAt': 'B', 'States': {'B': {'Type': 'Task', 'Resource': 'drc:b', 'End': true}}}]}}}";
        InterpreterHarness run = new InterpreterHarness(rb, "{}");
        List<Command> started = run.send(new Event.Started());
        RunTask a = (RunTask) started.get(0);
        RunTask b = (RunTask) started.get(1);
        StartTimer retry = (StartTimer) single(run.send(new Event.TaskFailed(a.step(), "Boom", "a broke")));
        assertThat(run.state().branch(b.step().branchId()).orElseThrow().phase()).isEqualTo(Branch.Phase.CANCELLED);
        assertThat(run.send(new Event.TaskSucceeded(b.step(), json("{}")))).isEmpty();

        List<Command> rerun = run.send(new Event.TimerFired(retry.step()));
        assertThat(rerun).hasSize(2).extracting(c -> ((RunTask) c).step().branchId())
                .doesNotContain(a.step().branchId(), b.step().branchId());
        run.send(new Event.TaskFailed(((RunTask) rerun.get(1)).step(), "Boom", "b broke"));
        assertThat(run.state().status()).isEqualTo(ExecutionState.Status.FAILED);
        assertThat(run.state().cause()).isEqualTo("b broke");
    }

    @Test
    void choiceWaitAndApproval() {
        String rb = "{'StartAt': 'Lag', 'States': {"
                + "'Lag': {'Type': 'Choice', 'Choices': [{'Variable': '$.lag', 'NumericLessThanEquals': 5, 'Next': 'Ask'}],"
                + " 'Default': 'Pause'},"
                + "'Pause': {'Type': 'Wait', 'Seconds': 30, 'Next': 'Ask'},"
                + "'Ask': {'Type': 'Task', 'Resource': 'drc:approval', 'ResultPath': '$.approval', 'End': true}}}";
        InterpreterHarness slow = new InterpreterHarness(rb, "{'lag': 60}");
        StartTimer pause = (StartTimer) single(slow.send(new Event.Started()));
        assertThat(pause.at()).isEqualTo(slow.now().plus(Duration.ofSeconds(30)));
        Command ask = single(slow.send(new Event.TimerFired(pause.step())));
        assertThat(ask).isEqualTo(new Command.AwaitApproval(new StepRef(pause.step().branchId(), "Ask", 1)));
        assertThat(slow.state().status()).isEqualTo(ExecutionState.Status.WAITING_APPROVAL);
        slow.send(new Event.Approved(((Command.AwaitApproval) ask).step(), "alice"));
        assertThat(slow.state().status()).isEqualTo(ExecutionState.Status.SUCCEEDED);
        assertThat(slow.state().output()).isEqualTo(json("{'lag': 60, 'approval': {'approvedBy': 'alice'}}"));

        InterpreterHarness fast = new InterpreterHarness(rb, "{'lag': 2}");
        assertThat(single(fast.send(new Event.Started()))).isInstanceOf(Command.AwaitApproval.class);
    }

    @Test
    void cancelEndsEveryBranch() {
        InterpreterHarness run = new InterpreterHarness(LINEAR, "{'asg': 'web'}");
        RunTask scale = (RunTask) single(run.send(new Event.Started()));
        assertThat(run.send(new Event.CancelRequested("bob")))
                .containsExactly(new Command.Finish(ExecutionState.Status.CANCELLED));
        assertThat(run.state().branch(scale.step().branchId()).orElseThrow().phase()).isEqualTo(Branch.Phase.CANCELLED);
        assertThat(run.send(new Event.TaskSucceeded(scale.step(), json("{}")))).isEmpty();
        assertThat(run.state().cause()).isEqualTo("cancelled by bob");
    }

    /** A drill's shape: work in a Parallel, a cleanup that a cancel is caught into, then a last step. */
    private static final String CLEANS_UP = "{'StartAt': 'Work', 'States': {"
            + "'Work': {'Type': 'Parallel', 'Next': 'Done',"
            + " 'Catch': [{'ErrorEquals': ['States.Cancelled'], 'ResultPath': '$.failure', 'Next': 'CleanUp'},"
            + "           {'ErrorEquals': ['States.ALL'], 'ResultPath': '$.failure', 'Next': 'CleanUp'}],"
            + " 'Branches': [{'StartAt': 'A', 'States': {'A': {'Type': 'Task', 'Resource': 'drc:a', 'End': true}}},"
            + " {'StartAt': 'B', 'States': {'B': {'Type': 'Task', 'Resource': 'drc:b', 'End': true}}}]},"
            + "'Done': {'Type': 'Task', 'Resource': 'drc:done', 'Next': 'CleanUp',"
            + " 'Catch': [{'ErrorEquals': ['States.ALL'], 'ResultPath': '$.failure', 'Next': 'CleanUp'}]},"
            + "'CleanUp': {'Type': 'Task', 'Resource': 'drc:cleanUp', 'Next': 'Report', 'ResultPath': null,"
            + " 'Catch': [{'ErrorEquals': ['States.Cancelled'], 'ResultPath': '$.again', 'Next': 'CleanUp'}]},"
            + "'Report': {'Type': 'Task', 'Resource': 'drc:report', 'End': true, 'Parameters': {'error.$': '$.failure'}}}}";

    @Test
    void aCatchNamingStatesCancelledRunsOnAfterACancelAndTheExecutionEndsCancelledWhenThatErrorEndsIt() {
        InterpreterHarness run = new InterpreterHarness(CLEANS_UP, "{'failure': null}");
        List<Command> started = run.send(new Event.Started());
        RunTask a = (RunTask) started.get(0);

        RunTask cleanUp = (RunTask) single(run.send(new Event.CancelRequested("bob")));
        assertThat(cleanUp.resource()).isEqualTo("drc:cleanUp");
        assertThat(run.state().status()).isEqualTo(ExecutionState.Status.RUNNING);
        assertThat(run.state().branch(a.step().branchId()).orElseThrow().phase()).isEqualTo(Branch.Phase.CANCELLED);
        assertThat(run.send(new Event.TaskSucceeded(a.step(), json("{}")))).as("the cancelled work is over").isEmpty();

        RunTask again = (RunTask) single(run.send(new Event.CancelRequested("carol")));
        assertThat(again.resource()).as("a cancel during cleanup starts cleanup over").isEqualTo("drc:cleanUp");
        RunTask report = (RunTask) single(run.send(new Event.TaskSucceeded(again.step(), json("{}"))));
        assertThat(report.parameters().get("error").get("Error").asText()).isEqualTo("States.Cancelled");
        assertThat(report.parameters().get("error").get("Cause").asText()).isEqualTo("cancelled by bob");
        assertThat(run.send(new Event.TaskFailed(report.step(), "States.Cancelled", "cancelled by bob; cleaned up")))
                .containsExactly(new Command.Finish(ExecutionState.Status.CANCELLED));
        assertThat(run.state().cause()).isEqualTo("cancelled by bob; cleaned up");
    }

    @Test
    void statesAllDoesNotCatchACancel() {
        String rb = "{'StartAt': 'Scale', 'States': {'Scale': {'Type': 'Task', 'Resource': 'drc:a', 'End': true,"
                + " 'Catch': [{'ErrorEquals': ['States.ALL'], 'Next': 'Fallback'}]},"
                + " 'Fallback': {'Type': 'Task', 'Resource': 'drc:b', 'End': true}}}";
        InterpreterHarness run = new InterpreterHarness(rb, "{}");
        run.send(new Event.Started());
        assertThat(run.send(new Event.CancelRequested("bob")))
                .containsExactly(new Command.Finish(ExecutionState.Status.CANCELLED));
    }

    /** A Task's {@code key.$} references against its input: resolved, or the execution fails with States.Runtime. */
    static Stream<Arguments> references() {
        return Stream.of(
                Arguments.of("{'id.$': '$.target.db.instanceId'}", "{'target': {'db': {'instanceId': 'shop-db'}}}",
                        "{'id': 'shop-db'}"),
                // a value that is null is there: optional settings of the runbook input are null, not absent
                Arguments.of("{'cls.$': '$.target.db.instanceClass'}", "{'target': {'db': {'instanceClass': null}}}",
                        "{'cls': null}"),
                Arguments.of("{'id.$': '$$.Execution.Id', 'fixed': 4}", "{}", "{'id': 'exec-1', 'fixed': 4}"),
                Arguments.of("{'id.$': '$.target.db.instanceId'}", "{'target': {'db': null}}",
                        "States.Runtime: state 'Act': Parameters 'id.$': path '$.target.db.instanceId' does not exist in "
                                + "the state input"),
                Arguments.of("{'groups.$': '$.target.groupz'}", "{'target': {'groups': []}}",
                        "States.Runtime: state 'Act': Parameters 'groups.$': path '$.target.groupz' does not exist"),
                Arguments.of("{'db': {'id.$': '$.db.id'}}", "{}",
                        "States.Runtime: state 'Act': Parameters 'db.id.$': path '$.db.id' does not exist"),
                Arguments.of("{'x.$': '$$.Execution.Nope'}", "{}",
                        "States.Runtime: state 'Act': Parameters 'x.$': path '$$.Execution.Nope' does not exist"));
    }

    @ParameterizedTest(name = "{0} on {1}")
    @MethodSource("references")
    void aReferenceToNothingFailsTheExecutionWithStatesRuntimeNotANull(String parameters, String input, String expected) {
        // Retry and Catch on States.ALL do not handle States.Runtime, as in Step Functions
        String rb = "{'StartAt': 'Act', 'States': {'Act': {'Type': 'Task', 'Resource': 'drc:x', 'Parameters': "
                + parameters + ", 'Retry': [{'ErrorEquals': ['States.ALL'], 'MaxAttempts': 3}],"
                + " 'Catch': [{'ErrorEquals': ['States.ALL'], 'Next': 'Recover'}], 'End': true},"
                + " 'Recover': {'Type': 'Pass', 'End': true}}}";
        InterpreterHarness run = new InterpreterHarness(rb, input);
        List<Command> commands = run.send(new Event.Started());
        if (expected.startsWith("States.Runtime")) {
            assertThat(commands).containsExactly(new Command.Finish(ExecutionState.Status.FAILED));
            assertThat(run.state().error() + ": " + run.state().cause()).startsWith(expected);
        } else {
            assertThat(((RunTask) single(commands)).parameters()).isEqualTo(json(expected));
        }
    }

    @Test
    void aBranchFailingWithStatesRuntimeCancelsItsSiblingsBeforeTheyRun() {
        String rb = "{'StartAt': 'Both', 'States': {'Both': {'Type': 'Parallel', 'End': true,"
                + " 'Catch': [{'ErrorEquals': ['States.ALL'], 'Next': 'Recover'}],"
                + " 'Branches': [{'StartAt': 'Db', 'States': {'Db': {'Type': 'Task', 'Resource': 'drc:rds:promote',"
                + " 'Parameters': {'id.$': '$.db.id'}, 'End': true}}},"
                + " {'StartAt': 'Web', 'States': {'Web': {'Type': 'Task', 'Resource': 'drc:asg:scale', 'End': true}}}]},"
                + " 'Recover': {'Type': 'Pass', 'End': true}}}";
        InterpreterHarness run = new InterpreterHarness(rb, "{'db': {}}");

        assertThat(run.send(new Event.Started())).containsExactly(new Command.Finish(ExecutionState.Status.FAILED));
        assertThat(run.state().error()).isEqualTo("States.Runtime");
        assertThat(run.state().cause()).contains("state 'Db'", "'$.db.id'");
        assertThat(run.state().branches().values()).filteredOn(b -> b.parentId() != null)
                .extracting(Branch::phase).containsExactlyInAnyOrder(Branch.Phase.FAILED, Branch.Phase.CANCELLED);
    }

    @Test
    void aWaitWhoseSecondsPathNamesNothingFailsWithStatesRuntime() {
        String rb = "{'StartAt': 'Pause', 'States': {'Pause': {'Type': 'Wait', 'SecondsPath': '$.pause', 'End': true}}}";
        InterpreterHarness missing = new InterpreterHarness(rb, "{}");
        assertThat(missing.send(new Event.Started())).containsExactly(new Command.Finish(ExecutionState.Status.FAILED));
        assertThat(missing.state().cause()).isEqualTo("state 'Pause': SecondsPath '$.pause' names no whole number of "
                + "seconds >= 0 in the state input");

        InterpreterHarness given = new InterpreterHarness(rb, "{'pause': 30}");
        StartTimer timer = (StartTimer) single(given.send(new Event.Started()));
        assertThat(timer.at()).isEqualTo(given.now().plusSeconds(30));
    }

    private static Command single(List<Command> commands) {
        assertThat(commands).hasSize(1);
        return commands.get(0);
    }
}
