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

    public static PollSchedule within(Duration pollInterval) {
        Duration min = Duration.ofMillis(250);
        return new PollSchedule(min.compareTo(pollInterval) < 0 ? min : pollInterval, pollInterval, 0.05);
    }

    public Instant next(Instant now, Instant startedAt, Duration expected) {
        return next(now, startedAt, expected, false);
    }

    /**
     * {@code slotWanted}: copies wait for the slot this copy holds, so past its expected moment it is looked at every
     * {@code min}: each such look is one describe for every copy of its kind, and a slot left idle while copies
     * wait is the quota's capacity lost.
     */
    public Instant next(Instant now, Instant startedAt, Duration expected, boolean slotWanted) {
        if (startedAt == null) {
            return now.plus(max);
        }
        Instant due = startedAt.plus(expected);
        if (due.isAfter(now)) {
            return due;
        }
        Duration gap = slotWanted ? min : Duration.ofMillis(Math.round(expected.toMillis() * overrun));
        return now.plus(gap.compareTo(min) < 0 ? min : gap.compareTo(max) > 0 ? max : gap);
    }
}
