package io.drc.controller.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.drc.strategies.engine.Event;
import io.drc.strategies.engine.StepRef;
import io.drc.strategies.step.StepResult;
import java.time.Duration;
import java.time.Instant;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Table: what the runner does with each handler answer, with and without TimeoutSeconds. */
class TaskOutcomesTest {
    static final Instant START = Instant.parse("2026-01-01T00:00:00Z");
    static final StepRef STEP = new StepRef("b1", "AwaitInService", 2);
    static final com.fasterxml.jackson.databind.node.ObjectNode CHECKPOINT = JsonNodeFactory.instance.objectNode().put("web", 3);

    static WorkPayload task(Integer timeoutSeconds) {
        return new WorkPayload(STEP, "drc:autoscaling:awaitInService", null, timeoutSeconds, null, START);
    }

    static Stream<Arguments> table() {
        var output = JsonNodeFactory.instance.objectNode().put("ok", true);
        return Stream.of(
                // answer, timeout, seconds after start, expected outcome
                Arguments.of(new StepResult.Succeeded(output), null, 10,
                        new TaskOutcomes.Outcome.Report(new Event.TaskSucceeded(STEP, output))),
                Arguments.of(new StepResult.Failed("Drc.Throttled", "slow down"), 60, 10,
                        new TaskOutcomes.Outcome.Report(new Event.TaskFailed(STEP, "Drc.Throttled", "slow down"))),
                Arguments.of(new StepResult.Running(Duration.ofSeconds(5), CHECKPOINT), null, 10,
                        new TaskOutcomes.Outcome.Poll(START.plusSeconds(15), CHECKPOINT)),
                Arguments.of(new StepResult.Running(Duration.ofSeconds(5), CHECKPOINT), 60, 10,
                        new TaskOutcomes.Outcome.Poll(START.plusSeconds(15), CHECKPOINT)),
                Arguments.of(new StepResult.Running(Duration.ofSeconds(30), CHECKPOINT), 60, 50,
                        new TaskOutcomes.Outcome.Poll(START.plusSeconds(60), CHECKPOINT)),
                Arguments.of(new StepResult.Running(Duration.ofSeconds(5), CHECKPOINT), 60, 60, null));
    }

    @ParameterizedTest
    @MethodSource("table")
    void translatesTheHandlersAnswer(StepResult answer, Integer timeout, int after, TaskOutcomes.Outcome expected) {
        TaskOutcomes.Outcome outcome = TaskOutcomes.of(task(timeout), answer, START.plusSeconds(after));
        if (expected == null) {
            assertThat(outcome).isInstanceOfSatisfying(TaskOutcomes.Outcome.Report.class, r ->
                    assertThat(r.event()).isInstanceOfSatisfying(Event.TaskFailed.class, f -> {
                        assertThat(f.error()).isEqualTo("States.Timeout");
                        assertThat(f.cause()).contains("AwaitInService").contains("60");
                    }));
        } else {
            assertThat(outcome).isEqualTo(expected);
        }
    }

    @org.junit.jupiter.api.Test
    void anExpiredTaskTimesOutWithoutRunning() {
        assertThat(TaskOutcomes.expired(task(60), START.plusSeconds(59))).isEmpty();
        assertThat(TaskOutcomes.expired(task(null), START.plusSeconds(99999))).isEmpty();
        assertThat(TaskOutcomes.expired(task(60), START.plusSeconds(60))).get()
                .isInstanceOf(TaskOutcomes.Outcome.Report.class);
    }
}
