package io.drc.controller.replication;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Pure: when a pending copy is looked at again. */
class PollScheduleTest {
    private final PollSchedule polls = PollSchedule.within(Duration.ofSeconds(10));
    private final Instant start = Instant.parse("2026-03-01T00:00:00Z");
    private final Duration expected = Duration.ofSeconds(18);

    @Test
    void firstLookWhenExpectedDoneThenEveryFivePercentOfItsDuration() {
        assertThat(polls.next(start.plusSeconds(1), start, expected)).isEqualTo(start.plus(expected));
        Instant late = start.plusSeconds(19);
        assertThat(polls.next(late, start, expected)).isEqualTo(late.plusMillis(900));
    }

    @Test
    void pastItsExpectedMomentAWantedSlotIsLookedAtEveryHalfPercentOfItsDurationWithinFiftyTo250Ms() {
        Instant late = start.plusSeconds(19);
        assertThat(polls.next(late, start, expected, true)).as("0.5%% of 18 s").isEqualTo(late.plusMillis(90));
        assertThat(polls.next(late, start, Duration.ofSeconds(4), true)).as("floor").isEqualTo(late.plusMillis(50));
        assertThat(polls.next(start.plusSeconds(200), start, Duration.ofMinutes(3), true)).as("at most min")
                .isEqualTo(start.plusSeconds(200).plusMillis(250));
        // Before the expected moment, the first look stays there: copies waiting do not make it earlier.
        assertThat(polls.next(start.plusSeconds(1), start, expected, true)).isEqualTo(start.plus(expected));
    }

    @Test
    void aPollIntervalBelowTheFloorIsKeptWhenSlotsAreWanted() {
        PollSchedule fast = PollSchedule.within(Duration.ofMillis(20));
        Instant late = start.plusSeconds(19);
        assertThat(fast.next(late, start, expected, true)).isEqualTo(late.plusMillis(20));
    }
}
