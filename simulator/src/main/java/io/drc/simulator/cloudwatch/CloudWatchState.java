package io.drc.simulator.cloudwatch;

import io.drc.simulator.core.MetricProvider.MetricId;
import io.drc.simulator.core.RegionState;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** One region's custom metrics (as published with PutMetricData) and metric alarms. */
public final class CloudWatchState {
    /** The values published for one metric (namespace, name and exact dimension set). */
    static final class Series {
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
    }

    /** Series by {@link #key}; JSON-friendly string keys for the admin API's state view. */
    final Map<String, Series> series = new LinkedHashMap<>();
    final Map<String, Alarm> alarms = new TreeMap<>();

    static CloudWatchState of(RegionState region) {
        return region.state(CloudWatchState.class, r -> new CloudWatchState());
    }

    Series series(MetricId id) {
        return series.computeIfAbsent(key(id), k -> new Series(id));
    }

    static String key(MetricId id) {
        return id.namespace() + "|" + id.metricName() + "|" + new TreeMap<>(id.dimensions());
    }
}
