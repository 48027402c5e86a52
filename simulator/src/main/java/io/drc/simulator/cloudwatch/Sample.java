package io.drc.simulator.cloudwatch;

import java.time.Instant;

/** What CloudWatch keeps of one published value (or statistic set): enough to answer every basic statistic. */
record Sample(Instant at, double sum, double count, double min, double max) implements java.io.Serializable {
    static Sample of(Instant at, double value) {
        return new Sample(at, value, 1, value, value);
    }

    static Sample repeated(Instant at, double value, double count) {
        return new Sample(at, value * count, count, value, value);
    }

    /** One value (possibly repeated), as opposed to a statistic set: percentiles can use it. */
    boolean single() {
        return min == max;
    }
}
