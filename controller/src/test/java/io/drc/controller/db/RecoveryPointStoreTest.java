package io.drc.controller.db;

import static org.assertj.core.api.Assertions.assertThat;

import io.drc.controller.api.ObservedRecoveryPoint;
import io.drc.controller.api.RecoveryPoint;
import io.drc.controller.api.RecoveryPointState;
import io.drc.controller.core.ResourceKind;
import io.drc.controller.testing.StoreDatabases;
import io.drc.controller.testing.TestDatabase;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ArgumentsSource;

class RecoveryPointStoreTest {
    static final Instant T0 = Instant.parse("2025-01-01T10:00:00Z");

    static ObservedRecoveryPoint snapshot(String awsId, String region, Instant source, RecoveryPointState state) {
        return new ObservedRecoveryPoint("data", ResourceKind.EBS_VOLUME, region, source,
                state == RecoveryPointState.COMPLETED ? source.plusSeconds(60) : null, state, awsId);
    }

    @ParameterizedTest(name = "{0}")
    @ArgumentsSource(StoreDatabases.class)
    void upsertUpdatesTheRowWithTheSameRegionAndAwsId(TestDatabase database) {
        var store = new RecoveryPointStore(database.migratedJdbi(), new SteppingClock(T0));

        RecoveryPoint pending = store.upsert(snapshot("snap-1", "us-west-2", T0, RecoveryPointState.PENDING));
        RecoveryPoint completed = store.upsert(snapshot("snap-1", "us-west-2", T0, RecoveryPointState.COMPLETED));
        store.upsert(snapshot("snap-1", "us-east-1", T0, RecoveryPointState.COMPLETED));

        assertThat(completed.id()).isEqualTo(pending.id());
        assertThat(completed.state()).isEqualTo(RecoveryPointState.COMPLETED);
        assertThat(completed.completedAt()).isEqualTo(T0.plusSeconds(60));
        assertThat(completed.createdAt()).isEqualTo(T0);
        assertThat(store.byResourceNewestFirst("data")).hasSize(2);
    }

    @ParameterizedTest(name = "{0}")
    @ArgumentsSource(StoreDatabases.class)
    void listsNewestFirstAndFindsLatestCompletedInARegion(TestDatabase database) {
        var store = new RecoveryPointStore(database.migratedJdbi(), new SteppingClock(T0));
        store.upsert(snapshot("snap-old", "us-west-2", T0, RecoveryPointState.COMPLETED));
        store.upsert(snapshot("snap-mid", "us-west-2", T0.plusSeconds(600), RecoveryPointState.COMPLETED));
        store.upsert(snapshot("snap-new", "us-west-2", T0.plusSeconds(1200), RecoveryPointState.PENDING));
        store.upsert(snapshot("snap-src", "us-east-1", T0.plusSeconds(1800), RecoveryPointState.COMPLETED));

        assertThat(store.byResourceNewestFirst("data")).extracting(RecoveryPoint::awsId)
                .containsExactly("snap-src", "snap-new", "snap-mid", "snap-old");
        assertThat(store.latestCompleted("data", "us-west-2")).map(RecoveryPoint::awsId).contains("snap-mid");
        assertThat(store.latestCompleted("other", "us-west-2")).isEmpty();
    }

    /**
     * V14's column: an AMI's snapshots are kept once learned, an observation that did not learn them (null) leaves
     * them, "none" ([]) stays distinct from "not known" (null), and a row from before the column reads as not known.
     */
    @ParameterizedTest(name = "{0}")
    @ArgumentsSource(StoreDatabases.class)
    void keepsAnAmisAssociatedSnapshotsAndTellsNoneFromNotKnown(TestDatabase database) {
        var jdbi = database.migratedJdbi();
        var store = new RecoveryPointStore(jdbi, new SteppingClock(T0));

        RecoveryPoint pending = store.upsert(image("ami-1", RecoveryPointState.PENDING, null));
        RecoveryPoint completed = store.upsert(image("ami-1", RecoveryPointState.COMPLETED,
                List.of("snap-a", "snap-b")));
        RecoveryPoint observedAgain = store.upsert(image("ami-1", RecoveryPointState.COMPLETED, null));
        RecoveryPoint none = store.upsert(image("ami-2", RecoveryPointState.COMPLETED, List.of()));
        RecoveryPoint volume = store.upsert(snapshot("snap-9", "us-west-2", T0, RecoveryPointState.COMPLETED));
        jdbi.useHandle(h -> h.execute("INSERT INTO recovery_points (resource_id, kind, region, source_time, state, "
                + "aws_id, created_at) VALUES ('web', 'ec2-instance', 'us-west-2', TIMESTAMP WITH TIME ZONE "
                + "'2025-01-01 10:00:00+00', 'COMPLETED', 'ami-old', TIMESTAMP WITH TIME ZONE '2025-01-01 10:00:00+00')"));

        assertThat(pending.associatedSnapshots()).isNull();
        assertThat(completed.associatedSnapshots()).containsExactly("snap-a", "snap-b");
        assertThat(observedAgain.associatedSnapshots()).containsExactly("snap-a", "snap-b");
        assertThat(none.associatedSnapshots()).isNotNull().isEmpty();
        assertThat(volume.associatedSnapshots()).isNull();
        assertThat(store.live("us-west-2", "web")).extracting(RecoveryPoint::awsId, RecoveryPoint::associatedSnapshots)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple("ami-1", List.of("snap-a", "snap-b")),
                        org.assertj.core.groups.Tuple.tuple("ami-2", List.of()),
                        org.assertj.core.groups.Tuple.tuple("ami-old", null));
    }

    static ObservedRecoveryPoint image(String awsId, RecoveryPointState state, List<String> snapshots) {
        return new ObservedRecoveryPoint("web", ResourceKind.EC2_INSTANCE, "us-west-2", T0,
                state == RecoveryPointState.COMPLETED ? T0.plusSeconds(60) : null, state, awsId, snapshots);
    }
}
