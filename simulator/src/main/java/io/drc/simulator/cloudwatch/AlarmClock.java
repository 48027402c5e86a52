package io.drc.simulator.cloudwatch;

import io.drc.simulator.core.MetricProvider.MetricId;
import io.drc.simulator.core.RegionState;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * CloudWatch evaluates every metric alarm once a minute, whether or not anyone reads it. Here that is an event
 * on the world's clock (see {@code World#at}) at every whole minute while the region has alarms, so a manual
 * clock drives it in tests and an alarm reads what the evaluation of the last whole minute decided. Each
 * evaluation judges the periods that ended by then: at 00:05:00 a 60 s alarm sees 00:04:00–00:05:00 as its newest.
 */
final class AlarmClock {
    static final Duration EVERY = Duration.ofMinutes(1);

    private AlarmClock() {
    }

    /** Starts the minute evaluations of the region if they are not running (the first alarm was just put). */
    static void ensureRunning(RegionState region) {
        if (CloudWatchState.of(region).nextEvaluation == null) {
            schedule(region, Statistics.floor(region.world().now(), EVERY).plus(EVERY));
        }
    }

    private static void schedule(RegionState region, Instant at) {
        CloudWatchState.of(region).nextEvaluation = at;
        region.world().at(at, () -> evaluateAll(region, at));
    }

    private static void evaluateAll(RegionState region, Instant at) {
        CloudWatchState state = CloudWatchState.of(region);
        if (state.alarms.isEmpty()) {
            state.nextEvaluation = null;
            return;
        }
        MetricSource source = new MetricSource(region);
        for (Alarm alarm : state.alarms.values()) {
            AlarmEvaluator.evaluate(alarm.config, range(alarm.config, source, at), at)
                    .filter(next -> !next.value().equals(alarm.state.value()))
                    .ifPresent(next -> transition(state, alarm, next, at));
        }
        schedule(region, at.plus(EVERY));
    }

    /** Moves the alarm to {@code next} and records the change in the history. */
    static void transition(CloudWatchState state, Alarm alarm, Alarm.State next, Instant at) {
        state.record(AlarmHistory.stateChange(alarm.config.name(), alarm.state, next, at));
        alarm.state = next;
        alarm.stateUpdatedAt = at;
    }

    /** The alarm's evaluation range at {@code at}: its statistic per period, oldest first, null where none. */
    static List<AlarmEvaluator.Datapoint> range(Alarm.Config c, MetricSource source, Instant at) {
        Duration period = Duration.ofSeconds(c.period());
        Instant end = Statistics.floor(at, period);
        Instant start = end.minus(period.multipliedBy(AlarmEvaluator.rangeLength(c)));
        List<Sample> samples = source.samples(new MetricId(c.namespace(), c.metricName(), c.dimensions()), start, end);
        List<AlarmEvaluator.Datapoint> out = new ArrayList<>();
        for (Instant from = start; from.isBefore(end); from = from.plus(period)) {
            Statistics.Bucket bucket = Statistics.aggregate(samples, from, from.plus(period));
            Double value = bucket == null ? null : bucket.value(c.stat());
            out.add(value == null ? null : new AlarmEvaluator.Datapoint(from, value, bucket.count()));
        }
        return out;
    }
}
