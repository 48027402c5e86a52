package io.drc.controller.db;

import static org.assertj.core.api.Assertions.assertThat;

import io.drc.controller.core.ResourceKind;
import io.drc.controller.replication.JobStep;
import io.drc.controller.replication.ReplicationJob;
import io.drc.controller.testing.StoreDatabases;
import io.drc.controller.testing.TestDatabase;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ArgumentsSource;

class ReplicationJobStoreTest {
    static final Instant T0 = Instant.parse("2026-01-01T10:00:00Z");

    @ParameterizedTest(name = "{0}")
    @ArgumentsSource(StoreDatabases.class)
    void aResourceHasAtMostOneActiveJobAndUpdatesAreOptimistic(TestDatabase database) {
        var store = new ReplicationJobStore(database.migratedJdbi());

        ReplicationJob job = store.startIfIdle("data", ResourceKind.EBS_VOLUME, T0).orElseThrow();
        assertThat(store.startIfIdle("data", ResourceKind.EBS_VOLUME, T0)).isEmpty();
        assertThat(store.startIfIdle("db", ResourceKind.RDS_INSTANCE, T0)).isPresent();

        ReplicationJob copying = job.withStep(JobStep.AWAIT_COPY).withSource("snap-1", T0).withCopy("snap-2")
                .withAttempt(2, T0.plusSeconds(30), "throttled");
        assertThat(store.update(copying, T0)).isTrue();
        assertThat(store.update(copying, T0)).as("a second writer of the same version loses").isFalse();

        ReplicationJob stored = store.byResource("data").get(0);
        assertThat(stored.step()).isEqualTo(JobStep.AWAIT_COPY);
        assertThat(stored.sourceTime()).isEqualTo(T0);
        assertThat(stored.copyId()).isEqualTo("snap-2");
        assertThat(stored.lastError()).isEqualTo("throttled");
        assertThat(stored.version()).isEqualTo(1);
        assertThat(store.due(T0)).extracting(ReplicationJob::resourceId).containsExactly("db");
        assertThat(store.due(T0.plusSeconds(30))).extracting(ReplicationJob::resourceId).containsExactly("data", "db");

        assertThat(store.update(stored.withStep(JobStep.DONE), T0)).isTrue();
        assertThat(store.startIfIdle("data", ResourceKind.EBS_VOLUME, T0)).isPresent();
        assertThat(store.latestPerResource()).extracting(j -> j.resourceId() + ":" + j.step())
                .containsExactlyInAnyOrder("data:CREATE_SOURCE", "db:CREATE_SOURCE");
    }

    @ParameterizedTest(name = "{0}")
    @ArgumentsSource(StoreDatabases.class)
    void aDueJobIsLeasedToOneDaemonAtATimeAndADeadDaemonsLeaseExpires(TestDatabase database) {
        var store = new ReplicationJobStore(database.migratedJdbi());
        long id = store.startIfIdle("data", ResourceKind.EBS_VOLUME, T0).orElseThrow().id();
        Duration lease = Duration.ofMinutes(5);

        assertThat(store.claim(id, "daemon-a", T0, lease)).isPresent();
        assertThat(store.claim(id, "daemon-b", T0, lease)).as("held by daemon-a").isEmpty();
        assertThat(store.due(T0)).as("a held job is not due for anyone else").isEmpty();

        // daemon-a dies without giving the job back: after the lease, daemon-b takes it over.
        Instant expired = T0.plus(lease).plusSeconds(1);
        assertThat(store.due(expired)).extracting(ReplicationJob::id).containsExactly(id);
        assertThat(store.claim(id, "daemon-b", expired, lease)).isPresent();
        store.release(id, "daemon-a");
        assertThat(store.claim(id, "daemon-c", expired, lease)).as("a stale owner cannot release it").isEmpty();
        store.release(id, "daemon-b");
        assertThat(store.claim(id, "daemon-c", expired, lease)).isPresent();
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
