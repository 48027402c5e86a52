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
    void pastItsExpectedMomentAWantedSlotIsLookedAtEveryHalfPercentOfItsTimeRunningFromFiftyMsToThePollInterval() {
        Instant late = start.plusSeconds(19);
        assertThat(polls.next(late, start, expected, true)).as("0.5%% of 19 s running").isEqualTo(late.plusMillis(95));
        assertThat(polls.next(start.plusSeconds(5), start, Duration.ofSeconds(4), true)).as("floor")
                .isEqualTo(start.plusSeconds(5).plusMillis(50));
        assertThat(polls.next(start.plusSeconds(200), start, Duration.ofMinutes(3), true)).as("0.5%% of 200 s")
                .isEqualTo(start.plusSeconds(200).plusMillis(1000));
        assertThat(polls.next(start.plusSeconds(1000), start, Duration.ofMinutes(3), true)).as("0.5%% of 1,000 s")
                .isEqualTo(start.plusSeconds(1005));
        assertThat(polls.next(start.plusSeconds(7200), start, Duration.ofMinutes(3), true)).as("at most max")
                .isEqualTo(start.plusSeconds(7200).plusSeconds(10));
        // Before the expected moment, the first look stays there: copies waiting do not make it earlier.
        assertThat(polls.next(start.plusSeconds(1), start, expected, true)).isEqualTo(start.plus(expected));
    }

    /** The looks a copy costs when it takes an hour where 3 minutes were expected (a first full copy). */
    @Test
    void aCopyTwentyTimesLongerThanExpectedCostsHundredsOfLooksNotTensOfThousands() {
        PollSchedule production = PollSchedule.within(Duration.ofSeconds(15));
        Instant done = start.plus(Duration.ofHours(1));
        int looks = 0;
        for (Instant at = production.next(start, start, Duration.ofMinutes(3), true); at.isBefore(done);
             at = production.next(at, start, Duration.ofMinutes(3), true)) {
            looks++;
        }
        // 200 × ln(20) ≈ 600; a fixed 250 ms gap made (3,600 − 180) / 0.25 = 13,680
        assertThat(looks).isBetween(550, 650);
    }

    @Test
    void aPollIntervalBelowTheFloorIsKeptWhenSlotsAreWanted() {
        PollSchedule fast = PollSchedule.within(Duration.ofMillis(20));
        Instant late = start.plusSeconds(19);
        assertThat(fast.next(late, start, expected, true)).isEqualTo(late.plusMillis(20));
    }
}
