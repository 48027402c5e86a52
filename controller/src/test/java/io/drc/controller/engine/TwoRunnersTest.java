package io.drc.controller.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.drc.strategies.engine.ExecutionKind;
import io.dropwizard.jackson.Jackson;
import io.drc.controller.db.ExecutionStore;
import io.drc.controller.db.WorkQueue;
import io.drc.controller.testing.StoreDatabases;
import io.drc.controller.testing.TestDatabase;
import io.drc.strategies.engine.Decision;
import io.drc.strategies.engine.Event;
import io.drc.strategies.engine.ExecutionState;
import io.drc.strategies.engine.RunbookInterpreter;
import io.drc.strategies.runbook.Runbook;
import io.drc.strategies.runbook.RunbookParser;
import io.drc.strategies.step.StepContext;
import io.drc.strategies.step.StepHandler;
import io.drc.strategies.step.StepParameters;
import io.drc.strategies.step.StepHandlers;
import io.drc.strategies.step.StepResult;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ArgumentsSource;

/** Two runners (two daemons) on one store run a wide parallel runbook: every step call happens exactly once. */
class TwoRunnersTest {
    static final ObjectMapper JSON = Jackson.newObjectMapper();
    static final int WIDTH = 8;

    /** Answers Running on the first call of a step and Succeeded on the call that brings its checkpoint back. */
    static final class CountingHandler implements StepHandler {
        final ConcurrentLinkedQueue<String> calls = new ConcurrentLinkedQueue<>();

        @Override
        public String resource() {
            return "drc:test:count";
        }

        @Override
        public Class<StepParameters.None> parameterType() {
            return StepParameters.None.class;
        }

        @Override
        public StepResult execute(StepContext context) {
            calls.add(context.stepName() + (context.checkpoint() == null ? " first" : " again"));
            return context.checkpoint() == null
                    ? new StepResult.Running(Duration.ofMillis(5), JsonNodeFactory.instance.objectNode().put("seen", 1))
                    : new StepResult.Succeeded(JsonNodeFactory.instance.objectNode());
        }
    }

    static Runbook wideRunbook() {
        List<String> branches = new ArrayList<>();
        for (int i = 0; i < WIDTH; i++) {
            branches.add("{\"StartAt\": \"S" + i + "\", \"States\": {\"S" + i
                    + "\": {\"Type\": \"Task\", \"Resource\": \"drc:test:count\", \"End\": true}}}");
        }
        return RunbookParser.parse("wide.asl.json", "{\"StartAt\": \"All\", \"States\": {\"All\": {\"Type\": "
                + "\"Parallel\", \"Branches\": [" + String.join(",", branches) + "], \"Next\": \"Last\"},"
                + "\"Last\": {\"Type\": \"Task\", \"Resource\": \"drc:test:count\", \"End\": true}}}");
    }

    @ParameterizedTest(name = "{0}")
    @ArgumentsSource(StoreDatabases.class)
    void everyStepRunsOnceAcrossTwoRunners(TestDatabase database) throws Exception {
        Jdbi jdbi = database.migratedJdbi();
        Clock clock = Clock.systemUTC();
        ExecutionStore store = new ExecutionStore(jdbi, JSON);
        Runbook runbook = wideRunbook();
        ExecutionEngine engine = new ExecutionEngine(store, new RunbookCatalog(Map.of("wide.asl.json", runbook)), clock);
        CountingHandler handler = new CountingHandler();
        List<ExecutionRunner> runners = new ArrayList<>();
        for (String owner : List.of("daemon-a", "daemon-b")) {
            WorkQueue queue = new WorkQueue(jdbi, JSON);
            var processor = new WorkItemProcessor(store, queue, engine, new StepHandlers(List.of(handler)),
                    new RtoPublisher(null, "test", new io.drc.controller.db.RtoOutbox(jdbi, JSON, owner, Duration.ofMinutes(1)), clock),
                    StepObserver.NONE);
            runners.add(new ExecutionRunner(queue, processor, clock,
                    new ExecutionRunner.Settings(owner, Duration.ofMillis(5), Duration.ofMinutes(5), 3)));
        }
        Instant now = clock.instant();
        ExecutionState pending = ExecutionState.pending("wide-1", now, JSON.createObjectNode());
        Decision first = new RunbookInterpreter().decide(runbook, pending, new Event.Started(), now);
        store.create(new ExecutionRecord("wide-1", ExecutionKind.DRILL, "test", "wide.asl.json", "t", null, null,
                null, "us-west-2", null, now, null, null, null, pending, 0), new Commit("wide-1", 0, first.state(),
                DecisionEffects.of(pending, new Event.Started(), first, now), null, null, now), List.of());

        runners.forEach(ExecutionRunner::start);
        try {
            Instant deadline = Instant.now().plusSeconds(60);
            while (!store.find("wide-1").orElseThrow().status().ended()) {
                assertThat(Instant.now()).as("execution ends by the deadline").isBefore(deadline);
                Thread.sleep(10);
            }
        } finally {
            for (ExecutionRunner runner : runners) {
                runner.stop();
            }
        }

        assertThat(store.find("wide-1").orElseThrow().status()).isEqualTo(ExecutionState.Status.SUCCEEDED);
        Map<String, Long> perCall = handler.calls.stream().collect(Collectors.groupingBy(c -> c, Collectors.counting()));
        assertThat(perCall).hasSize(2 * (WIDTH + 1)).allSatisfy((call, count) -> assertThat(count).as(call).isEqualTo(1));
        assertThat(store.steps("wide-1")).hasSize(WIDTH + 1)
                .allSatisfy(s -> assertThat(s.status()).isEqualTo(StepStatus.SUCCEEDED));
    }
}
