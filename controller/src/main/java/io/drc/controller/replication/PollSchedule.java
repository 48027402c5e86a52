package io.drc.controller.replication;

import java.time.Duration;
import java.time.Instant;

/**
 * Pure: when to look at a pending image or snapshot again. First at the moment it is expected done (its start plus
 * its expected duration); past that moment every {@code overrun} × its expected duration, kept between {@code min}
 * and {@code max} (the configured pollInterval): a copy of hours is not polled every second, one of seconds is not
 * left done, its slot idle, for a whole poll interval. Unknown start: after {@code max}.
 */
public record PollSchedule(Duration min, Duration max, double overrun) {
    /** Of a copy's expected duration: how often it is looked at past that moment while copies wait for its slot. */
    static final double SLOT_WANTED_FRACTION = 0.005;
    static final Duration SLOT_WANTED_FLOOR = Duration.ofMillis(50);

    public static PollSchedule within(Duration pollInterval) {
        Duration min = Duration.ofMillis(250);
        return new PollSchedule(min.compareTo(pollInterval) < 0 ? min : pollInterval, pollInterval, 0.05);
    }

    public Instant next(Instant now, Instant startedAt, Duration expected) {
        return next(now, startedAt, expected, false);
    }

    /**
     * {@code slotWanted}: copies wait for the slot this copy holds, so past its expected moment it is looked at every
     * {@link #SLOT_WANTED_FRACTION} of how long it has been running (at least its expected duration), between
     * {@link #SLOT_WANTED_FLOOR} and {@code max}: a slot left idle while copies wait is the quota's capacity lost, and
     * a fraction bounds that loss the same for a copy of seconds and one of hours. Measured from the time running, a
     * copy k times longer than expected costs about 200 × ln k looks (19 at 10% over, 921 at 100×), where a fixed gap
     * of 250 ms cost one look per 250 ms of overrun: an hour-long first full copy expected to take 3 minutes made
     * ~14,000 DescribeSnapshots, which EC2's request-rate limits would throttle.
     */
    public Instant next(Instant now, Instant startedAt, Duration expected, boolean slotWanted) {
        if (startedAt == null) {
            return now.plus(max);
        }
        Instant due = startedAt.plus(expected);
        if (due.isAfter(now)) {
            return due;
        }
        if (slotWanted) {
            Duration floor = SLOT_WANTED_FLOOR.compareTo(min) < 0 ? SLOT_WANTED_FLOOR : min;
            Duration running = Duration.between(startedAt, now);
            Duration basis = running.compareTo(expected) > 0 ? running : expected;
            return now.plus(clamp(Duration.ofMillis(Math.round(basis.toMillis() * SLOT_WANTED_FRACTION)), floor, max));
        }
        return now.plus(clamp(Duration.ofMillis(Math.round(expected.toMillis() * overrun)), min, max));
    }

    private static Duration clamp(Duration gap, Duration low, Duration high) {
        return gap.compareTo(low) < 0 ? low : gap.compareTo(high) > 0 ? high : gap;
    }
}
