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
}
