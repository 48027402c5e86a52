package io.drc.controller.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.drc.strategies.engine.Decision;
import io.drc.strategies.engine.Event;
import io.drc.strategies.engine.ExecutionState;
import io.drc.strategies.engine.RunbookInterpreter;
import io.drc.strategies.engine.StepRef;
import io.drc.strategies.runbook.Runbook;
import io.drc.strategies.runbook.RunbookParser;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** What each decision makes the store record: step rows and due work. */
class DecisionEffectsTest {
    static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    static final Runbook RUNBOOK = RunbookParser.parse("t.asl.json", """
            {"StartAt": "Both", "States": {
              "Both": {"Type": "Parallel", "Next": "Approve", "Branches": [
                {"StartAt": "A", "States": {"A": {"Type": "Task", "Resource": "drc:a", "TimeoutSeconds": 30,
                   "Retry": [{"ErrorEquals": ["Drc.Throttled"], "IntervalSeconds": 5, "MaxAttempts": 2}], "End": true}}},
                {"StartAt": "B", "States": {"B": {"Type": "Task", "Resource": "drc:b", "End": true}}}]},
              "Approve": {"Type": "Task", "Resource": "drc:approval", "End": true}}}""");
    final RunbookInterpreter interpreter = new RunbookInterpreter();
    ExecutionState state = ExecutionState.pending("e", T0, JsonNodeFactory.instance.objectNode());

    DecisionEffects send(Event event, Instant at) {
        Decision decision = interpreter.decide(RUNBOOK, state, event, at);
        DecisionEffects effects = DecisionEffects.of(state, event, decision, at);
        state = decision.state();
        return effects;
    }

    @Test
    void startRunsBothBranchesAsDueWork() {
        DecisionEffects started = send(new Event.Started(), T0);
        assertThat(started.changed()).isTrue();
        assertThat(started.work()).extracting(w -> w.kind() + " " + w.payload().resource() + " " + w.dueAt())
                .containsExactly("RUN_TASK drc:a " + T0, "RUN_TASK drc:b " + T0);
        assertThat(started.work().get(0).payload().deadline()).isEqualTo(T0.plusSeconds(30));
        assertThat(started.steps()).allSatisfy(s -> assertThat(s).isInstanceOfSatisfying(StepChange.Began.class,
                b -> assertThat(b.status()).isEqualTo(StepStatus.RUNNING)));
    }

    @Test
    void aRetriedFailureKeepsTheStepOpenAndSetsATimer() {
        send(new Event.Started(), T0);
        StepRef a = new StepRef("b1", "A", 1);
        DecisionEffects failed = send(new Event.TaskFailed(a, "Drc.Throttled", "slow"), T0.plusSeconds(1));

        assertThat(failed.steps()).singleElement().isEqualTo(new StepChange.Ended("b1/A", StepStatus.RETRYING,
                "Drc.Throttled: slow", null, T0.plusSeconds(1)));
        assertThat(failed.work()).singleElement().satisfies(w -> {
            assertThat(w.kind()).isEqualTo(WorkKind.TIMER);
            assertThat(w.dueAt()).isEqualTo(T0.plusSeconds(6));
        });
        assertThat(send(new Event.TaskFailed(a, "Drc.Throttled", "again"), T0.plusSeconds(2)).changed())
                .as("a repeated event for the same attempt is stale").isFalse();

        DecisionEffects fired = send(new Event.TimerFired(new StepRef("b1", "A", 2)), T0.plusSeconds(6));
        assertThat(fired.steps()).singleElement().isInstanceOfSatisfying(StepChange.Began.class,
                b -> assertThat(b.attempt()).isEqualTo(2));
    }

    @Test
    void aFailedBranchCancelsItsSiblingsOpenStep() {
        send(new Event.Started(), T0);
        DecisionEffects failed = send(new Event.TaskFailed(new StepRef("b2", "B", 1), "Drc.AwsError", "no"), T0);

        assertThat(failed.steps()).extracting(StepChange::key, s -> ((StepChange.Ended) s).status())
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("b2/B", StepStatus.FAILED),
                        org.assertj.core.groups.Tuple.tuple("b1/A", StepStatus.CANCELLED));
        assertThat(failed.work()).isEmpty();
    }

    @Test
    void approvalWaitsWithoutWorkAndEndsWhenApproved() {
        send(new Event.Started(), T0);
        send(new Event.TaskSucceeded(new StepRef("b1", "A", 1), null), T0);
        DecisionEffects waiting = send(new Event.TaskSucceeded(new StepRef("b2", "B", 1), null), T0);
        assertThat(waiting.work()).isEmpty();
        assertThat(waiting.steps()).last().isInstanceOfSatisfying(StepChange.Began.class,
                b -> assertThat(b.status()).isEqualTo(StepStatus.WAITING_APPROVAL));
        assertThat(state.status()).isEqualTo(ExecutionState.Status.WAITING_APPROVAL);

        DecisionEffects approved = send(new Event.Approved(new StepRef("b0", "Approve", 1), "oncall"), T0);
        assertThat(approved.steps()).first().isInstanceOfSatisfying(StepChange.Ended.class, e -> {
            assertThat(e.status()).isEqualTo(StepStatus.SUCCEEDED);
            assertThat(e.output().get("approvedBy").asText()).isEqualTo("oncall");
        });
        assertThat(state.status()).isEqualTo(ExecutionState.Status.SUCCEEDED);
    }
}
