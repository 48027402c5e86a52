package io.drc.controller.db;

import static org.assertj.core.api.Assertions.assertThat;

import io.drc.controller.core.ResourceKind;
import io.drc.controller.replication.JobStep;
import io.drc.controller.replication.ReplicationJob;
import io.drc.controller.testing.StoreDatabases;
import io.drc.controller.testing.TestDatabase;
import java.time.Instant;
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
}
