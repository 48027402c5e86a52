package io.drc.controller.db;

import static org.assertj.core.api.Assertions.assertThat;

import io.drc.controller.replication.RpoMeasurement;
import io.drc.controller.testing.StoreDatabases;
import io.drc.controller.testing.TestDatabase;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ArgumentsSource;

class RpoSamplesTest {
    static final Instant T0 = Instant.parse("2026-03-01T00:00:00Z");

    static RpoMeasurement measured(String resource, Double rpo, Instant at) {
        return new RpoMeasurement(resource, rpo, 900, rpo != null && rpo <= 900, null, at);
    }

    @ParameterizedTest(name = "{0}")
    @ArgumentsSource(StoreDatabases.class)
    void keepsEachResourcesSamplesInOrderAndDropsThoseOlderThanTheRetention(TestDatabase database) {
        Jdbi jdbi = database.migratedJdbi();
        Instant old = T0.minus(RpoSamples.RETENTION).minusSeconds(60);
        new RpoSamples(jdbi, Clock.fixed(old, ZoneOffset.UTC)).record(List.of(measured("web", 10.0, old)));
        RpoSamples samples = new RpoSamples(jdbi, Clock.fixed(T0, ZoneOffset.UTC));
        samples.record(List.of(measured("web", 120.0, T0.minusSeconds(60)), measured("data", null, T0.minusSeconds(60))));
        samples.record(List.of(measured("web", 1200.0, T0)));

        assertThat(samples.since("web", Instant.EPOCH, 100)).containsExactly(
                new RpoSamples.Sample(T0.minusSeconds(60), 120.0, 900, true),
                new RpoSamples.Sample(T0, 1200.0, 900, false));
        assertThat(samples.since("web", T0, 100)).extracting(RpoSamples.Sample::rpoSeconds).containsExactly(1200.0);
        assertThat(samples.since("data", Instant.EPOCH, 100)).extracting(RpoSamples.Sample::rpoSeconds)
                .containsExactly((Double) null);
        assertThat(samples.since("web", Instant.EPOCH, 1)).hasSize(1);
    }

    @ParameterizedTest(name = "{0}")
    @ArgumentsSource(StoreDatabases.class)
    void storesOnlyWhatAStraightLineCannotDrawPlusAHeartbeat(TestDatabase database) {
        Jdbi jdbi = database.migratedJdbi();
        RpoSamples samples = new RpoSamples(jdbi, Clock.fixed(T0, ZoneOffset.UTC));
        for (int[] round : new int[][] {{0, 100}, {60, 160}, {120, 220}, {180, 30}, {240, 90}, {1080, 930},
                {1980, 1830}, {2040, 1890}}) {
            samples.record(List.of(measured("web", (double) round[1], T0.plusSeconds(round[0]))));
        }

        assertThat(samples.since("web", Instant.EPOCH, 100)).extracting(RpoSamples.Sample::rpoSeconds)
                .as("first; the peak before the copy landed and the drop; the last compliant one and the first breach;"
                        + " a heartbeat 15 min on; the points between lie on the lines")
                .containsExactly(100.0, 220.0, 30.0, 90.0, 930.0, 1830.0);
    }

    @ParameterizedTest(name = "{0}")
    @ArgumentsSource(StoreDatabases.class)
    void keepsAtMostItsBoundOfRowsTheNewest(TestDatabase database) {
        Jdbi jdbi = database.migratedJdbi();
        RpoSamples samples = new RpoSamples(jdbi, Clock.fixed(T0, ZoneOffset.UTC), 3);
        for (int i = 0; i < 5; i++) {
            samples.record(List.of(measured("r" + i, 60.0, T0.plusSeconds(i))));
        }

        long rows = jdbi.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM rpo_samples").mapTo(Long.class).one());
        assertThat(rows).isEqualTo(3);
        assertThat(samples.since("r0", Instant.EPOCH, 10)).isEmpty();
        assertThat(samples.since("r4", Instant.EPOCH, 10)).hasSize(1);
    }
}
