package io.drc.controller.db;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.drc.strategies.engine.ExecutionKind;
import io.dropwizard.jackson.Jackson;
import io.drc.controller.engine.Commit;
import io.drc.controller.engine.DecisionEffects;
import io.drc.controller.engine.ExecutionRecord;
import io.drc.controller.engine.StepStatus;
import io.drc.controller.engine.WorkClaim;
import io.drc.controller.engine.WorkItem;
import io.drc.controller.engine.WorkKind;
import io.drc.controller.testing.StoreDatabases;
import io.drc.controller.testing.TestDatabase;
import io.drc.controller.testing.TestNodes;
import io.drc.strategies.engine.Decision;
import io.drc.strategies.engine.Event;
import io.drc.strategies.engine.ExecutionState;
import io.drc.strategies.engine.RunbookInterpreter;
import io.drc.strategies.engine.StepRef;
import io.drc.strategies.runbook.Runbook;
import io.drc.strategies.runbook.RunbookParser;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ArgumentsSource;

class ExecutionStoreTest {
    static final ObjectMapper JSON = Jackson.newObjectMapper();
    static final Instant T0 = Instant.parse("2026-01-01T00:00:00.250Z");
    static final Runbook RUNBOOK = RunbookParser.parse("t.asl.json", """
            {"StartAt": "Scale", "States": {
              "Scale": {"Type": "Task", "Resource": "drc:test:scale", "Parameters": {"n.$": "$.n"},
                        "TimeoutSeconds": 60, "Next": "Pause"},
              "Pause": {"Type": "Wait", "Seconds": 30, "End": true}}}""");
    final RunbookInterpreter interpreter = new RunbookInterpreter();

    ExecutionRecord started(String id, String key, ExecutionStore store, Instant at) throws Exception {
        return create(id, key, "same-request", store, at).execution();
    }

    ExecutionStore.Created create(String id, String key, String fingerprint, ExecutionStore store, Instant at)
            throws Exception {
        ExecutionState pending = ExecutionState.pending(id, at, JSON.readTree("{\"n\": 4}"));
        Decision first = interpreter.decide(RUNBOOK, pending, new Event.Started(), at);
        ExecutionRecord record = new ExecutionRecord(id, ExecutionKind.FAILOVER, "pilot-light", "t.asl.json", "oncall",
                "test", key, key == null ? null : fingerprint, "us-west-2", 1800, at, null, null, null, pending, 0);
        return store.create(record, new Commit(id, 0, first.state(),
                DecisionEffects.of(pending, new Event.Started(), first, at), null, null, at),
                List.of(ExecutionKind.FAILOVER, ExecutionKind.FAILBACK));
    }

    @ParameterizedTest(name = "{0}")
    @ArgumentsSource(StoreDatabases.class)
    void decisionsAreStoredWithTheirWorkAndGuardedByVersion(TestDatabase database) throws Exception {
        Jdbi jdbi = database.migratedJdbi();
        ExecutionStore store = new ExecutionStore(jdbi, JSON);
        WorkQueue queue = new WorkQueue(jdbi, JSON);
        TestNodes nodes = new TestNodes(jdbi);
        String runnerA = nodes.join("runner-a", T0);
        String runnerB = nodes.join("runner-b", T0);

        ExecutionRecord exec = started("exec-1", "key-1", store, T0);
        assertThat(exec.status()).isEqualTo(ExecutionState.Status.RUNNING);
        assertThat(exec.version()).isEqualTo(1);
        assertThat(exec.state().input().get("n").asInt()).isEqualTo(4);
        assertThat(store.steps("exec-1")).singleElement().satisfies(s -> {
            assertThat(s.name()).isEqualTo("Scale");
            assertThat(s.status()).isEqualTo(StepStatus.RUNNING);
            assertThat(s.parameters().get("n").asInt()).isEqualTo(4);
        });
        WorkItem task = queue.claim(TestNodes.claimant(runnerA, T0), T0, Duration.ofMinutes(5), 10).get(0);
        assertThat(task.kind()).isEqualTo(WorkKind.RUN_TASK);
        assertThat(task.payload().deadline()).isEqualTo(T0.plusSeconds(60));
        assertThat(task.claim().owner()).isEqualTo(runnerA);
        assertThat(queue.claim(TestNodes.claimant(runnerB, T0), T0, Duration.ofMinutes(5), 10)).as("claimed")
                .isEmpty();
        assertThat(store.steps("exec-1").get(0).nodeId()).as("the step names its node").isEqualTo("runner-a");

        StepRef step = task.payload().step();
        Instant t1 = T0.plusSeconds(3);
        JsonNode output = JSON.readTree("{\"done\": true}");
        Event event = new Event.TaskSucceeded(step, output);
        Decision next = interpreter.decide(RUNBOOK, exec.state(), event, t1);
        Commit commit = new Commit("exec-1", exec.version(), next.state(),
                DecisionEffects.of(exec.state(), event, next, t1), task.claim(), t1, t1);
        long recoveriesBefore = store.recoveriesCommitted();
        assertThat(store.commit(commit)).isEqualTo(Commit.Outcome.STORED);
        assertThat(store.recoveriesCommitted()).as("status re-reads which region serves").isEqualTo(recoveriesBefore + 1);
        assertThat(store.commit(commit)).as("its work item is consumed").isEqualTo(Commit.Outcome.CLAIM_LOST);
        assertThat(store.commit(new Commit("exec-1", exec.version(), next.state(), commit.effects(), null, t1, t1)))
                .as("same version again").isEqualTo(Commit.Outcome.CONFLICT);

        ExecutionRecord after = store.find("exec-1").orElseThrow();
        assertThat(after.version()).isEqualTo(2);
        assertThat(after.recoveredAt()).isEqualTo(t1);
        assertThat(after.rtoSeconds()).isEqualTo(3.0);
        assertThat(store.steps("exec-1").get(0).status()).isEqualTo(StepStatus.SUCCEEDED);
        assertThat(queue.pending("exec-1")).singleElement().satisfies(w -> {
            assertThat(w.kind()).isEqualTo(WorkKind.TIMER);
            assertThat(w.dueAt()).isEqualTo(t1.plusSeconds(30));
        });
        assertThat(queue.claim(TestNodes.claimant(runnerA, t1), t1.plusSeconds(29), Duration.ofMinutes(5), 10))
                .isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @ArgumentsSource(StoreDatabases.class)
    void aCancelCrossingAStepsOutcomeLetsOneWinAndNeitherFail(TestDatabase database) throws Exception {
        Jdbi jdbi = database.migratedJdbi();
        ExecutionStore store = new ExecutionStore(jdbi, JSON);
        WorkQueue queue = new WorkQueue(jdbi, JSON);
        String runner = new TestNodes(jdbi).join("runner", T0);
        for (int round = 0; round < 20; round++) {
            ExecutionRecord exec = started("exec-" + round, null, store, T0);
            WorkItem task = queue.claim(TestNodes.claimant(runner, T0), T0, Duration.ofMinutes(5), 1).get(0);
            Event succeeded = new Event.TaskSucceeded(task.payload().step(), JSON.readTree("{}"));
            Event cancel = new Event.CancelRequested("oncall");
            List<Commit> crossing = List.of(
                    decision(exec, succeeded, task.claim()), decision(exec, cancel, null));
            CountDownLatch go = new CountDownLatch(1);
            ConcurrentLinkedQueue<String> outcomes = new ConcurrentLinkedQueue<>();
            List<Thread> writers = crossing.stream().map(commit -> new Thread(() -> {
                try {
                    go.await();
                    outcomes.add(store.commit(commit).name());
                } catch (Exception e) {
                    outcomes.add("error " + e);
                }
            })).toList();
            writers.forEach(Thread::start);
            go.countDown();
            for (Thread t : writers) {
                t.join();
            }
            assertThat(outcomes).as("round %d: one decision stored, the other refused, none failed", round)
                    .hasSize(2).containsOnlyOnce("STORED").allMatch(o -> !o.startsWith("error"));
            ExecutionRecord after = store.find(exec.id()).orElseThrow();
            assertThat(after.version()).isEqualTo(2);
            if (after.status() == ExecutionState.Status.RUNNING) { // the step's outcome won: end it for the next round
                store.commit(decision(after, cancel, null));
            }
            assertThat(store.find(exec.id()).orElseThrow().status()).isEqualTo(ExecutionState.Status.CANCELLED);
            assertThat(queue.pending(exec.id())).isEmpty();
        }
    }

    private Commit decision(ExecutionRecord exec, Event event, WorkClaim consumed) {
        Decision next = interpreter.decide(RUNBOOK, exec.state(), event, T0);
        return new Commit(exec.id(), exec.version(), next.state(), DecisionEffects.of(exec.state(), event, next, T0),
                consumed, null, T0);
    }

    @ParameterizedTest(name = "{0}")
    @ArgumentsSource(StoreDatabases.class)
    void idempotencyKeyRepeatsAndActiveFailoverConflicts(TestDatabase database) throws Exception {
        ExecutionStore store = new ExecutionStore(database.migratedJdbi(), JSON);
        ExecutionRecord first = started("exec-1", "key-1", store, T0);

        assertThat(create("exec-2", "key-1", "same-request", store, T0.plusSeconds(1)))
                .isEqualTo(new ExecutionStore.Created.Repeated(store.find("exec-1").orElseThrow()));
        assertThat(create("exec-2", "key-1", "another-request", store, T0.plusSeconds(1)))
                .as("the same key for a different request names the first execution")
                .isEqualTo(new ExecutionStore.Created.KeyReused(store.find("exec-1").orElseThrow()));
        assertThat(started("exec-3", "key-3", store, T0.plusSeconds(2)).id()).as("conflict names the running one")
                .isEqualTo(first.id());
        assertThat(store.list(null, 10)).extracting(ExecutionRecord::id).containsExactly("exec-1");
        assertThat(store.list(ExecutionKind.FAILBACK, 10)).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @ArgumentsSource(StoreDatabases.class)
    void concurrentStartsAdmitOneFailover(TestDatabase database) throws Exception {
        ExecutionStore store = new ExecutionStore(database.migratedJdbi(), JSON);
        CountDownLatch go = new CountDownLatch(1);
        ConcurrentLinkedQueue<String> answers = new ConcurrentLinkedQueue<>();
        List<Thread> requests = new java.util.ArrayList<>();
        for (int i = 0; i < 6; i++) {
            String id = "exec-" + i;
            requests.add(new Thread(() -> {
                try {
                    go.await();
                    answers.add(started(id, null, store, T0).id());
                } catch (Exception e) {
                    answers.add("error " + e);
                }
            }));
        }
        requests.forEach(Thread::start);
        go.countDown();
        for (Thread t : requests) {
            t.join();
        }
        assertThat(store.list(null, 10)).hasSize(1);
        assertThat(answers).hasSize(6).containsOnly(store.list(null, 10).get(0).id());
    }

    @ParameterizedTest(name = "{0}")
    @ArgumentsSource(StoreDatabases.class)
    void itemsAreClaimedOnceAndADeadRunnersItemsTakenOverWithItsWritesRefused(TestDatabase database)
            throws Exception {
        Jdbi jdbi = database.migratedJdbi();
        ExecutionStore store = new ExecutionStore(jdbi, JSON);
        WorkQueue queue = new WorkQueue(jdbi, JSON);
        TestNodes nodes = new TestNodes(jdbi);
        for (int i = 0; i < 10; i++) {
            ExecutionRecord e = started("exec-" + i, null, store, T0);
            // not exclusive after the first: finish each so the next may start
            store.commit(new Commit(e.id(), e.version(), interpreter.decide(RUNBOOK, e.state(),
                    new Event.CancelRequested("t"), T0).state(), new DecisionEffects(true, List.of(), List.of()),
                    null, null, T0));
        }
        // ten fresh items for two racing runners
        for (int i = 0; i < 10; i++) {
            jdbi.useHandle(h -> WorkQueue.insert(h, new ExecutionRows(JSON), "exec-0", List.of(new WorkItem.New(
                    WorkKind.TIMER, io.drc.controller.engine.WorkPayload.timer(new StepRef("b0", "Pause", 1)), T0))));
        }
        String a = nodes.join("a", T0);
        String b = nodes.join("b", T0);
        String c = nodes.join("c", T0);
        ConcurrentLinkedQueue<Long> taken = new ConcurrentLinkedQueue<>();
        CountDownLatch go = new CountDownLatch(1);
        List<Thread> runners = List.of(a, b).stream().map(owner -> new Thread(() -> {
            try {
                go.await();
            } catch (InterruptedException e) {
                return;
            }
            queue.claim(TestNodes.claimant(owner, T0), T0, Duration.ofSeconds(60), 10).forEach(w -> taken.add(w.id()));
        })).toList();
        runners.forEach(Thread::start);
        go.countDown();
        for (Thread t : runners) {
            t.join();
        }
        assertThat(taken).hasSize(10).doesNotHaveDuplicates();

        // a and b are alive an hour later (busy steps, heartbeats renewed): nothing is free for c
        Instant later = T0.plus(Duration.ofHours(1));
        List.of(a, b, c).forEach(owner -> nodes.beat(owner, later));
        assertThat(queue.due(TestNodes.claimant(c, later), later).heldByLive()).isEqualTo(10);
        assertThat(queue.claim(TestNodes.claimant(c, later), later, Duration.ofSeconds(60), 20)).isEmpty();

        // a and b die: c takes their items over the moment their heartbeats are older than deadAfter
        Instant dead = later.plus(TestNodes.DEAD_AFTER).plusSeconds(1);
        nodes.beat(c, dead);
        List<WorkItem> reclaimed = queue.claim(TestNodes.claimant(c, dead), dead, Duration.ofSeconds(60), 20);
        assertThat(reclaimed).hasSize(10).allSatisfy(w -> assertThat(w.claim().owner()).isEqualTo(c));
        WorkItem item = reclaimed.get(0);
        WorkClaim stale = new WorkClaim(item.id(), taken.contains(item.id()) ? a : b, item.claim().version() - 1);
        assertThat(queue.requeue(stale, dead.plusSeconds(10), item.payload())).as("a stalled runner's write").isFalse();
        assertThat(queue.release(stale, dead)).isFalse();
        assertThat(queue.delete(stale)).isFalse();
        assertThat(queue.requeue(item.claim(), dead.plusSeconds(10), item.payload())).isTrue();
    }

    /** A decision computed under a lost claim is not stored: the execution and the item stay as the new owner has them. */
    @ParameterizedTest(name = "{0}")
    @ArgumentsSource(StoreDatabases.class)
    void aDecisionWhoseWorkItemWasTakenOverIsNotStored(TestDatabase database) throws Exception {
        Jdbi jdbi = database.migratedJdbi();
        ExecutionStore store = new ExecutionStore(jdbi, JSON);
        WorkQueue queue = new WorkQueue(jdbi, JSON);
        TestNodes nodes = new TestNodes(jdbi);
        String a = nodes.join("a", T0);
        ExecutionRecord exec = started("exec-1", null, store, T0);
        WorkItem task = queue.claim(TestNodes.claimant(a, T0), T0, Duration.ofMinutes(5), 1).get(0);

        Instant dead = T0.plus(TestNodes.DEAD_AFTER).plusSeconds(1); // a stalls (a GC pause): its heartbeat stops
        String b = nodes.join("b", dead);
        WorkItem takenOver = queue.claim(TestNodes.claimant(b, dead), dead, Duration.ofMinutes(5), 1).get(0);
        assertThat(takenOver.id()).isEqualTo(task.id());
        assertThat(store.steps("exec-1").get(0).nodeId()).isEqualTo("b");

        Event late = new Event.TaskSucceeded(task.payload().step(), JSON.readTree("{\"by\": \"a\"}"));
        Decision decision = interpreter.decide(RUNBOOK, exec.state(), late, dead);
        assertThat(store.commit(new Commit("exec-1", exec.version(), decision.state(),
                DecisionEffects.of(exec.state(), late, decision, dead), task.claim(), null, dead)))
                .isEqualTo(Commit.Outcome.CLAIM_LOST);
        assertThat(store.find("exec-1").orElseThrow().version()).as("nothing stored").isEqualTo(exec.version());
        assertThat(store.steps("exec-1").get(0).status()).isEqualTo(StepStatus.RUNNING);
        assertThat(queue.pending("exec-1")).singleElement()
                .satisfies(w -> assertThat(w.claim()).isEqualTo(takenOver.claim()));
    }
}
