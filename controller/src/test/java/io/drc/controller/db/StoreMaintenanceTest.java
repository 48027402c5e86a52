package io.drc.controller.db;

import static org.assertj.core.api.Assertions.assertThat;

import io.drc.controller.api.ObservedRecoveryPoint;
import io.drc.controller.api.RecoveryPointState;
import io.drc.controller.core.ResourceKind;
import io.drc.controller.replication.JobStep;
import io.drc.controller.replication.ReplicationJob;
import io.drc.controller.testing.StoreDatabases;
import io.drc.controller.testing.TestDatabase;
import java.sql.Connection;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.stream.IntStream;
import javax.sql.DataSource;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ArgumentsSource;

/** Retention of the store's own rows, on H2 and PostgreSQL; compaction of the H2 file. */
class StoreMaintenanceTest {
    static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    @ParameterizedTest(name = "{0}")
    @ArgumentsSource(StoreDatabases.class)
    void finishedJobsAndDeletedPointsOlderThanADayGoButEachResourceKeepsItsNewestJob(TestDatabase database)
            throws Exception {
        DataSource dataSource = database.dataSource();
        // Held open so H2 does not close and reopen its file for each statement below.
        try (Connection keepOpen = dataSource.getConnection()) {
            runPass(database, dataSource);
        }
    }

    private void runPass(TestDatabase database, DataSource dataSource) {
        SchemaMigrator.migrate(dataSource);
        Jdbi jdbi = Jdbi.create(dataSource);
        ReplicationJobStore jobs = new ReplicationJobStore(jdbi);
        RecoveryPointStore catalog = new RecoveryPointStore(jdbi, Clock.fixed(T0, ZoneOffset.UTC));
        // "data": 25 finished jobs two days old (three delete batches of 10), then one failed within the hour;
        // "logs": a single finished job, two days old, which stays (the newest of its resource).
        for (int i = 0; i < 25; i++) {
            finish(jobs, "data", T0, JobStep.DONE);
        }
        ReplicationJob failed = finish(jobs, "data", T0.plus(Duration.ofMinutes(48 * 60 - 50)), JobStep.FAILED);
        finish(jobs, "logs", T0, JobStep.DONE);
        ReplicationJob active = jobs.startIfIdle("data", ResourceKind.EBS_VOLUME, T0).orElseThrow();
        IntStream.range(0, 12).forEach(i -> catalog.upsert(point("snap-old-" + i, T0, RecoveryPointState.DELETED)));
        catalog.upsert(point("snap-recent", T0.plus(Duration.ofMinutes(48 * 60 - 50)), RecoveryPointState.DELETED));
        catalog.upsert(point("snap-two-hours", T0.plus(Duration.ofHours(46)), RecoveryPointState.DELETED));
        catalog.upsert(point("snap-kept", T0, RecoveryPointState.COMPLETED));

        Instant now = T0.plus(Duration.ofHours(48));
        StoreMaintenance.Pass pass = new StoreMaintenance(jdbi, dataSource, database.name().equals("H2"),
                Duration.ofMinutes(1), Clock.fixed(now, ZoneOffset.UTC), 10).run();

        assertThat(pass.jobsDeleted()).isEqualTo(25);
        assertThat(pass.pointsDeleted()).isEqualTo(13);
        assertThat(jobs.byResource("data")).extracting(ReplicationJob::id)
                .as("the one that failed within the hour, and the active one").containsExactly(failed.id(), active.id());
        assertThat(jobs.byResource("logs")).as("a resource's newest job stays, however old").hasSize(1);
        assertThat(jobs.latestPerResource()).extracting(ReplicationJob::resourceId)
                .containsExactlyInAnyOrder("data", "logs");
        assertThat(catalog.byResourceNewestFirst("data")).extracting(p -> p.awsId())
                .containsExactlyInAnyOrder("snap-recent", "snap-kept");
        if (database.name().equals("H2")) {
            assertThat(pass.fileBytesAfter()).as("H2's store reached and compacted").isNotNull();
        } else {
            assertThat(pass.fileBytesAfter()).isNull();
        }
    }

    static ReplicationJob finish(ReplicationJobStore jobs, String resource, Instant at, JobStep step) {
        ReplicationJob job = jobs.startIfIdle(resource, ResourceKind.EBS_VOLUME, at).orElseThrow();
        // a step's result is only stored under its daemon's claim
        var claim = jobs.claim(job.id(), new Claimant("maintenance-test#1", at), at, Duration.ofMinutes(5))
                .orElseThrow();
        assertThat(jobs.updateAndRelease(job.withStep(step), claim, at)).isTrue();
        return job;
    }

    static ObservedRecoveryPoint point(String id, Instant sourceTime, RecoveryPointState state) {
        return new ObservedRecoveryPoint("data", ResourceKind.EBS_VOLUME, "us-west-2", sourceTime,
                state == RecoveryPointState.COMPLETED ? sourceTime : null, state, id);
    }
}
