package io.drc.controller.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.drc.controller.db.ServingHistory;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ServingReadingTest {
    private static final ServingHistory.Serving DR = new ServingHistory.Serving("us-west-2", "exec-1", "failover",
            Instant.EPOCH);
    private final AtomicInteger reads = new AtomicInteger();
    private final AtomicLong localChanges = new AtomicLong();
    private final AtomicLong nanos = new AtomicLong();
    private volatile Optional<ServingHistory.Serving> stored = Optional.empty();
    private final ServingReading reading = new ServingReading(() -> {
        reads.incrementAndGet();
        return stored;
    }, localChanges::get, Duration.ofSeconds(1), nanos::get);

    @Test
    void requestsWithinASecondShareOneReading() {
        reading.get();
        nanos.addAndGet(999_000_000L);
        reading.get();
        assertThat(reads).hasValue(1);
    }

    @Test
    void aRecoveryCommittedHereShowsOnTheNextRequest() {
        assertThat(reading.get()).isEmpty();
        stored = Optional.of(DR);
        localChanges.incrementAndGet();
        assertThat(reading.get()).contains(DR);
        assertThat(reads).hasValue(2);
    }

    @Test
    void anotherDaemonsRecoveryShowsWithinASecond() {
        assertThat(reading.get()).isEmpty();
        stored = Optional.of(DR);
        nanos.addAndGet(1_000_000_000L);
        assertThat(reading.get()).contains(DR);
    }
}
