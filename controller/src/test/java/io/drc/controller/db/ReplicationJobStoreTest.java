package io.drc.controller.db;

import static org.assertj.core.api.Assertions.assertThat;

import io.drc.controller.core.ResourceKind;
import io.drc.controller.replication.JobClaim;
import io.drc.controller.replication.JobStep;
import io.drc.controller.replication.ReplicationJob;
import io.drc.controller.testing.StoreDatabases;
import io.drc.controller.testing.TestDatabase;
import io.drc.controller.testing.TestNodes;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ArgumentsSource;

class ReplicationJobStoreTest {
    static final Instant T0 = Instant.parse("2026-01-01T10:00:00Z");

    static final Duration OVERDUE = Duration.ofMinutes(5);

    @ParameterizedTest(name = "{0}")
    @ArgumentsSource(StoreDatabases.class)
    void aResourceHasAtMostOneActiveJobAndUpdatesAreOptimistic(TestDatabase database) {
        Jdbi jdbi = database.migratedJdbi();
        var store = new ReplicationJobStore(jdbi);
        Claimant a = TestNodes.claimant(new TestNodes(jdbi).join("daemon-a", T0), T0);

        ReplicationJob job = store.startIfIdle("data", ResourceKind.EBS_VOLUME, T0).orElseThrow();
        assertThat(store.startIfIdle("data", ResourceKind.EBS_VOLUME, T0)).isEmpty();
        assertThat(store.startIfIdle("db", ResourceKind.RDS_INSTANCE, T0)).isPresent();

        JobClaim claim = store.claim(job.id(), a, T0, OVERDUE).orElseThrow();
        ReplicationJob copying = job.withStep(JobStep.AWAIT_COPY).withSource("snap-1", T0).withCopy("snap-2")
                .withAttempt(2, T0.plusSeconds(30), "throttled");
        assertThat(store.update(copying, claim, T0)).isTrue();
        assertThat(store.update(copying, claim, T0)).as("a second writer of the same version loses").isFalse();
        store.release(claim);

        ReplicationJob stored = store.byResource("data").get(0);
        assertThat(stored.step()).isEqualTo(JobStep.AWAIT_COPY);
        assertThat(stored.sourceTime()).isEqualTo(T0);
        assertThat(stored.copyId()).isEqualTo("snap-2");
        assertThat(stored.lastError()).isEqualTo("throttled");
        assertThat(stored.version()).isEqualTo(1);
        assertThat(store.due(a, T0)).extracting(ReplicationJob::resourceId).containsExactly("db");
        assertThat(store.due(a, T0.plusSeconds(30))).extracting(ReplicationJob::resourceId)
                .containsExactly("data", "db");

        JobClaim again = store.claim(job.id(), a, T0.plusSeconds(30), OVERDUE).orElseThrow();
        assertThat(store.update(stored.withStep(JobStep.DONE), again, T0)).isTrue();
        assertThat(store.startIfIdle("data", ResourceKind.EBS_VOLUME, T0)).isPresent();
        assertThat(store.latestPerResource()).extracting(j -> j.resourceId() + ":" + j.step())
                .containsExactlyInAnyOrder("data:CREATE_SOURCE", "db:CREATE_SOURCE");
    }

    /**
     * A look that finds the work still pending only moves the job's next look, in one commit for the batch, and
     * never over a daemon that holds the job or a change made since it was read.
     */
    @ParameterizedTest(name = "{0}")
    @ArgumentsSource(StoreDatabases.class)
    void aPendingLookMovesOnlyUnheldUnchangedJobsAndKeepsTheirVersion(TestDatabase database) {
        Jdbi jdbi = database.migratedJdbi();
        var store = new ReplicationJobStore(jdbi);
        Claimant a = TestNodes.claimant(new TestNodes(jdbi).join("daemon-a", T0), T0);
        ReplicationJob free = store.startIfIdle("free", ResourceKind.EBS_VOLUME, T0).orElseThrow();
        ReplicationJob held = store.startIfIdle("held", ResourceKind.EBS_VOLUME, T0).orElseThrow();
        ReplicationJob changed = store.startIfIdle("changed", ResourceKind.EBS_VOLUME, T0).orElseThrow();
        store.claim(held.id(), a, T0, OVERDUE).orElseThrow();
        JobClaim claim = store.claim(changed.id(), a, T0, OVERDUE).orElseThrow();
        assertThat(store.updateAndRelease(changed.withAttempt(1, T0, "throttled"), claim, T0)).isTrue();

        Instant later = T0.plusSeconds(40);
        assertThat(store.lookAgainAt(Map.of(free, later, held, later, changed, later), T0.plusSeconds(1)))
                .containsExactly(free.id());

        ReplicationJob moved = store.byResource("free").get(0);
        assertThat(moved.nextAttemptAt()).isEqualTo(later);
        assertThat(moved.version()).as("a reader of the job is not made stale").isEqualTo(free.version());
        assertThat(store.byResource("changed").get(0).nextAttemptAt()).isEqualTo(T0);
        assertThat(store.due(a, T0.plusSeconds(1))).extracting(ReplicationJob::resourceId).doesNotContain("free");
    }

    /**
     * A claim lasts while its owner's heartbeat is fresh, however long the step takes; the moment the owner is dead
     * another daemon takes the job over, and the dead owner's late result and give-back are refused (fenced).
     */
    @ParameterizedTest(name = "{0}")
    @ArgumentsSource(StoreDatabases.class)
    void aJobStaysWithItsLiveOwnerAndGoesToAnotherTheMomentTheOwnerIsDead(TestDatabase database) {
        Jdbi jdbi = database.migratedJdbi();
        var store = new ReplicationJobStore(jdbi);
        TestNodes nodes = new TestNodes(jdbi);
        String a = nodes.join("daemon-a", T0);
        String b = nodes.join("daemon-b", T0);
        ReplicationJob job = store.startIfIdle("data", ResourceKind.EBS_VOLUME, T0).orElseThrow();

        JobClaim held = store.claim(job.id(), TestNodes.claimant(a, T0), T0, OVERDUE).orElseThrow();
        assertThat(store.claim(job.id(), TestNodes.claimant(b, T0), T0, OVERDUE)).as("held by daemon-a").isEmpty();
        assertThat(store.due(TestNodes.claimant(b, T0), T0)).as("a held job is not due for anyone else").isEmpty();
        assertThat(store.heldByLive(TestNodes.claimant(b, T0))).isEqualTo(1);

        // daemon-a is busy in a slow step for ten minutes, its heartbeat renewed all along: it keeps the job
        Instant later = T0.plus(Duration.ofMinutes(10));
        nodes.beat(a, later);
        nodes.beat(b, later);
        assertThat(store.claim(job.id(), TestNodes.claimant(b, later), later, OVERDUE)).as("a is alive").isEmpty();

        // daemon-a dies: once its heartbeat is older than deadAfter, daemon-b takes the job over
        Instant aDead = later.plus(TestNodes.DEAD_AFTER).plusSeconds(1);
        nodes.beat(b, aDead);
        assertThat(store.heldByLive(TestNodes.claimant(b, aDead))).isZero();
        assertThat(store.due(TestNodes.claimant(b, aDead), aDead)).extracting(ReplicationJob::id)
                .containsExactly(job.id());
        JobClaim taken = store.claim(job.id(), TestNodes.claimant(b, aDead), aDead, OVERDUE).orElseThrow();
        assertThat(taken.version()).isEqualTo(held.version() + 1);

        // daemon-a was only stalled: its late result and its give-back are refused
        assertThat(store.update(job.withStep(JobStep.AWAIT_SOURCE).withSource("snap-late", T0), held, aDead))
                .as("fenced: a lost the claim").isFalse();
        store.release(held);
        String c = nodes.join("daemon-c", aDead);
        assertThat(store.claim(job.id(), TestNodes.claimant(c, aDead), aDead, OVERDUE))
                .as("a stale owner cannot give the job back").isEmpty();
        assertThat(store.update(job.withStep(JobStep.AWAIT_SOURCE).withSource("snap-b", T0), taken, aDead)).isTrue();
        assertThat(store.byResource("data").get(0).sourceId()).isEqualTo("snap-b");
        store.release(taken);
        assertThat(store.claim(job.id(), TestNodes.claimant(c, aDead), aDead, OVERDUE)).isPresent();
    }

    /** A daemon restarted with the same node id takes over what its predecessor held at once, without waiting. */
    @ParameterizedTest(name = "{0}")
    @ArgumentsSource(StoreDatabases.class)
    void aRestartedNodeTakesItsPredecessorsJobsAtOnce(TestDatabase database) {
        Jdbi jdbi = database.migratedJdbi();
        var store = new ReplicationJobStore(jdbi);
        TestNodes nodes = new TestNodes(jdbi);
        String first = nodes.join("daemon-a", T0);
        ReplicationJob job = store.startIfIdle("data", ResourceKind.EBS_VOLUME, T0).orElseThrow();
        assertThat(store.claim(job.id(), TestNodes.claimant(first, T0), T0, OVERDUE)).isPresent();

        Instant restart = T0.plusSeconds(2); // killed and restarted well within deadAfter
        String second = nodes.join("daemon-a", restart);
        assertThat(second).isEqualTo("daemon-a#2").isNotEqualTo(first);
        assertThat(store.claim(job.id(), TestNodes.claimant(second, restart), restart, OVERDUE)).isPresent();
        assertThat(store.releaseAll(second)).isEqualTo(1);
    }

    @ParameterizedTest(name = "{0}")
    @ArgumentsSource(StoreDatabases.class)
    void concurrentStartsOfOneResourceStartOneJob(TestDatabase database) throws Exception {
        var store = new ReplicationJobStore(database.migratedJdbi());
        ExecutorService threads = Executors.newFixedThreadPool(8);
        try {
            List<Future<Optional<ReplicationJob>>> starts = new ArrayList<>();
            CountDownLatch go = new CountDownLatch(1);
            for (int i = 0; i < 8; i++) {
                starts.add(threads.submit(() -> {
                    go.await();
                    return store.startIfIdle("data", ResourceKind.EBS_VOLUME, T0);
                }));
            }
            go.countDown();
            int started = 0;
            for (Future<Optional<ReplicationJob>> start : starts) {
                started += start.get(30, TimeUnit.SECONDS).isPresent() ? 1 : 0;
            }
            assertThat(started).isEqualTo(1);
            assertThat(store.byResource("data")).hasSize(1);
        } finally {
            threads.shutdownNow();
        }
    }
}
