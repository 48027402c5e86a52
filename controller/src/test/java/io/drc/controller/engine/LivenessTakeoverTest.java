package io.drc.controller.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.drc.controller.cluster.ClusterMembership;
import io.drc.controller.db.ExecutionStore;
import io.drc.controller.db.RtoOutbox;
import io.drc.controller.db.WorkQueue;
import io.drc.controller.testing.StoreDatabases;
import io.drc.controller.testing.TestDatabase;
import io.drc.controller.testing.TestNodes;
import io.drc.simulator.core.ManualClock;
import io.drc.strategies.engine.Decision;
import io.drc.strategies.engine.Event;
import io.drc.strategies.engine.ExecutionKind;
import io.drc.strategies.engine.ExecutionState;
import io.drc.strategies.engine.RunbookInterpreter;
import io.drc.strategies.runbook.Runbook;
import io.drc.strategies.runbook.RunbookParser;
import io.drc.strategies.step.StepContext;
import io.drc.strategies.step.StepHandler;
import io.drc.strategies.step.StepHandlers;
import io.drc.strategies.step.StepResult;
import io.dropwizard.jackson.Jackson;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ArgumentsSource;

/**
 * Two daemons (runners with their own memberships) on one store and a manual clock; daemon A is inside a step that
 * takes far longer than the liveness window. While A's heartbeat is renewed, B never takes the step; once A's
 * heartbeat stops, B takes it over after deadAfter and finishes it, and A's late result is refused (fenced).
 */
class LivenessTakeoverTest {
    static final ObjectMapper JSON = Jackson.newObjectMapper();
    static final Instant T0 = Instant.parse("2026-03-01T00:00:00Z");
    static final Runbook RUNBOOK = RunbookParser.parse("slow.asl.json", """
            {"StartAt": "Slow", "States": {"Slow": {"Type": "Task", "Resource": "drc:test:slow", "End": true}}}""");

    /** One daemon's handler: counts its calls, and blocks the first one until the test lets it go. */
    static final class SlowHandler implements StepHandler {
        final String daemon;
        final AtomicInteger calls = new AtomicInteger();
        final CountDownLatch inside = new CountDownLatch(1);
        final CountDownLatch release;

        SlowHandler(String daemon, boolean blocks) {
            this.daemon = daemon;
            this.release = new CountDownLatch(blocks ? 1 : 0);
        }

        @Override
        public String resource() {
            return "drc:test:slow";
        }

        @Override
        public Class<? extends Record> parameterType() {
            return io.drc.strategies.step.StepParameters.None.class;
        }

        @Override
        public StepResult execute(StepContext context) {
            calls.incrementAndGet();
            inside.countDown();
            try {
                release.await(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return new StepResult.Succeeded(JsonNodeFactory.instance.objectNode().put("by", daemon));
        }
    }

    /** A daemon: its membership (beaten by the test on the manual clock), its runner and its handler. */
    record Daemon(ClusterMembership membership, ExecutionRunner runner, SlowHandler handler) {
        void stop() throws InterruptedException {
            runner.stop();
        }
    }

    static Daemon daemon(Jdbi jdbi, ExecutionStore store, ManualClock clock, String node, boolean blocks) {
        ClusterMembership membership = TestNodes.member(jdbi, node, clock);
        ExecutionEngine engine = new ExecutionEngine(store, new RunbookCatalog(Map.of("slow.asl.json", RUNBOOK)), clock);
        SlowHandler handler = new SlowHandler(node, blocks);
        WorkQueue queue = new WorkQueue(jdbi, JSON);
        WorkItemProcessor processor = new WorkItemProcessor(store, queue, engine, new StepHandlers(List.of(handler)),
                new RtoPublisher(null, "test", new RtoOutbox(jdbi, JSON, membership::claimant, Duration.ofMinutes(5)),
                        clock), membership, StepObserver.NONE);
        return new Daemon(membership, new ExecutionRunner(queue, processor, membership, clock,
                new ExecutionRunner.Settings(Duration.ofMillis(5), Duration.ofMinutes(5), 2)), handler);
    }

    static String start(ExecutionStore store, String id) {
        ExecutionState pending = ExecutionState.pending(id, T0, JSON.createObjectNode());
        Decision first = new RunbookInterpreter().decide(RUNBOOK, pending, new Event.Started(), T0);
        store.create(new ExecutionRecord(id, ExecutionKind.DRILL, "test", "slow.asl.json", "t", null, null, null,
                "us-west-2", null, T0, null, null, null, pending, 0), new Commit(id, 0, first.state(),
                DecisionEffects.of(pending, new Event.Started(), first, T0), null, null, T0), List.of());
        return id;
    }

    @ParameterizedTest(name = "{0}")
    @ArgumentsSource(StoreDatabases.class)
    void aLiveDaemonKeepsItsSlowStepAndADeadOnesLateResultIsRefused(TestDatabase database) throws Exception {
        Jdbi jdbi = database.migratedJdbi();
        ManualClock clock = new ManualClock(T0);
        ExecutionStore store = new ExecutionStore(jdbi, JSON);
        String id = start(store, "slow-1");
        Daemon a = daemon(jdbi, store, clock, "daemon-a", true);
        Daemon b = daemon(jdbi, store, clock, "daemon-b", false);
        List<Daemon> running = new ArrayList<>();
        try {
            a.runner().start();
            running.add(a);
            assertThat(a.handler().inside.await(30, TimeUnit.SECONDS)).as("A runs the step").isTrue();
            b.runner().start();
            running.add(b);

            // two minutes of simulated time pass while A's step runs, A's heartbeat renewed every 5 s
            WorkQueue queue = new WorkQueue(jdbi, JSON);
            for (int i = 0; i < 24; i++) {
                clock.advance(TestNodes.HEARTBEAT);
                a.membership().beat();
                b.membership().beat();
                assertThat(queue.due(b.membership().claimant(), clock.instant()).claimable())
                        .as("at +%s s the step is A's", (i + 1) * 5).isEmpty();
            }
            assertThat(b.handler().calls).as("B never ran it").hasValue(0);
            assertThat(store.steps(id)).singleElement().satisfies(s -> assertThat(s.nodeId()).isEqualTo("daemon-a"));

            // A stalls (its heartbeat stops); B keeps beating: after deadAfter, B takes the step over and ends it
            for (int i = 0; i < 4; i++) {
                clock.advance(TestNodes.HEARTBEAT);
                b.membership().beat();
            }
            awaitTrue(() -> store.find(id).orElseThrow().status().ended(), "B finishes the execution");
            assertThat(b.handler().calls).hasValue(1);
            assertThat(store.steps(id)).singleElement().satisfies(s -> {
                assertThat(s.nodeId()).isEqualTo("daemon-b");
                assertThat(s.output().get("by").asText()).isEqualTo("daemon-b");
            });

            // A wakes up with its result: refused, nothing changes
            long versionBefore = store.find(id).orElseThrow().version();
            a.handler().release.countDown();
            awaitTrue(() -> a.membership().refusedWrites() == 1, "A's late result is refused");
            assertThat(store.find(id).orElseThrow().version()).isEqualTo(versionBefore);
            assertThat(store.find(id).orElseThrow().status()).isEqualTo(ExecutionState.Status.SUCCEEDED);
            assertThat(store.steps(id).get(0).output().get("by").asText()).isEqualTo("daemon-b");
            assertThat(a.handler().calls.get() + b.handler().calls.get()).as("no third run").isEqualTo(2);
            assertThat(b.membership().refusedWrites()).isZero();
        } finally {
            a.handler().release.countDown();
            for (Daemon d : running) {
                d.stop();
            }
        }
    }

    /** Polls with a deadline: the runners work on their own threads. */
    static void awaitTrue(BooleanSupplier condition, String what) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(30);
        while (!condition.getAsBoolean()) {
            assertThat(Instant.now()).as(what + " within 30 s").isBefore(deadline);
            Thread.sleep(5);
        }
    }
}
