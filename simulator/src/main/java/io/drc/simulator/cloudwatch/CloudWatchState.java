package io.drc.simulator.cloudwatch;

import io.drc.simulator.core.MetricProvider.MetricId;
import io.drc.simulator.core.RegionState;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** One region's custom metrics (as published with PutMetricData), metric alarms and alarm history. */
public final class CloudWatchState implements java.io.Serializable {
    /** How long CloudWatch keeps alarm history, including that of deleted alarms. */
    static final Duration HISTORY_RETENTION = Duration.ofDays(30);
    private static final Comparator<Sample> BY_TIME = Comparator.comparing(Sample::at);

    /** The values published for one metric (namespace, name and exact dimension set), kept in time order. */
    static final class Series implements java.io.Serializable {
        final String namespace;
        final String metricName;
        final Map<String, String> dimensions;
        final List<Sample> samples = new ArrayList<>();
        String unit;

        Series(MetricId id) {
            this.namespace = id.namespace();
            this.metricName = id.metricName();
            this.dimensions = new TreeMap<>(id.dimensions());
        }

        MetricId id() {
            return new MetricId(namespace, metricName, dimensions);
        }

        /** Adds in time order; values mostly arrive in order, so this is usually an append. */
        void add(Sample sample) {
            int at = samples.size();
            while (at > 0 && samples.get(at - 1).at().isAfter(sample.at())) {
                at--;
            }
            samples.add(at, sample);
        }

        /** The samples taken in {@code [from, to)}, found by binary search: alarms read this every minute. */
        List<Sample> between(Instant from, Instant to) {
            int start = firstAtOrAfter(from);
            int end = firstAtOrAfter(to);
            return start >= end ? List.of() : samples.subList(start, end);
        }

        private int firstAtOrAfter(Instant t) {
            int index = Collections.binarySearch(samples, new Sample(t, 0, 0, 0, 0), BY_TIME);
            if (index < 0) {
                return -index - 1;
            }
            while (index > 0 && samples.get(index - 1).at().equals(t)) {
                index--;
            }
            return index;
        }
    }

    /** Series by {@link #key}; JSON-friendly string keys for the admin API's state view. */
    final Map<String, Series> series = new LinkedHashMap<>();
    final Map<String, Alarm> alarms = new TreeMap<>();
    /** Every alarm's history, oldest first, kept {@link #HISTORY_RETENTION} after the alarm is gone. */
    final List<AlarmHistory.Item> history = new ArrayList<>();
    /** When the alarms are next evaluated; null while the region has no alarm. */
    Instant nextEvaluation;

    static CloudWatchState of(RegionState region) {
        return region.state(CloudWatchState.class, r -> new CloudWatchState());
    }

    Series series(MetricId id) {
        return series.computeIfAbsent(key(id), k -> new Series(id));
    }

    static String key(MetricId id) {
        return id.namespace() + "|" + id.metricName() + "|" + new TreeMap<>(id.dimensions());
    }

    void record(AlarmHistory.Item item) {
        Instant horizon = item.at().minus(HISTORY_RETENTION);
        history.removeIf(old -> old.at().isBefore(horizon));
        history.add(item);
    }
}
