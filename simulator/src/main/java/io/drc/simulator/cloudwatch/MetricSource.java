package io.drc.simulator.cloudwatch;

import io.drc.simulator.core.MetricProvider;
import io.drc.simulator.core.MetricProvider.MetricId;
import io.drc.simulator.core.RegionState;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every metric of a region, wherever it comes from: values published with PutMetricData and metrics that AWS
 * publishes itself, which the owning simulated service answers as a {@link MetricProvider}. A provider is read
 * once a minute, the rate at which AWS publishes basic monitoring metrics such as {@code ReplicaLag}.
 */
final class MetricSource {
    static final Duration PROVIDER_RESOLUTION = Duration.ofMinutes(1);

    private final RegionState region;
    private final CloudWatchState state;

    MetricSource(RegionState region) {
        this.region = region;
        this.state = CloudWatchState.of(region);
    }

    /** Every known metric, published ones first, each once. */
    List<MetricId> metrics() {
        Map<String, MetricId> all = new LinkedHashMap<>();
        state.series.values().forEach(s -> all.putIfAbsent(CloudWatchState.key(s.id()), s.id()));
        for (MetricProvider provider : region.metricProviders()) {
            provider.metrics().forEach(m -> all.putIfAbsent(CloudWatchState.key(m), m));
        }
        return List.copyOf(all.values());
    }

    /**
     * The samples of exactly this metric (same dimension set) taken in {@code [from, to)}: what was put, at the
     * timestamps its caller gave (CloudWatch keeps those even when they are ahead of its own clock), and what the
     * simulated resources measure, never after now.
     */
    List<Sample> samples(MetricId metric, Instant from, Instant to) {
        Instant end = to.isAfter(region.world().now()) ? region.world().now().plusNanos(1) : to;
        List<Sample> out = new ArrayList<>();
        CloudWatchState.Series series = state.series.get(CloudWatchState.key(metric));
        if (series != null) {
            out.addAll(series.between(from, to));
        }
        for (MetricProvider provider : region.metricProviders()) {
            for (Instant t = alignUp(from); t.isBefore(end); t = t.plus(PROVIDER_RESOLUTION)) {
                Optional<Double> value = provider.value(metric, t);
                if (value.isPresent()) {
                    out.add(Sample.of(t, value.get()));
                }
            }
        }
        return out;
    }

    String unit(MetricId metric) {
        CloudWatchState.Series series = state.series.get(CloudWatchState.key(metric));
        return series == null || series.unit == null ? "None" : series.unit;
    }

    private static Instant alignUp(Instant t) {
        long step = PROVIDER_RESOLUTION.toMillis();
        long ms = t.toEpochMilli();
        return Instant.ofEpochMilli(Math.floorDiv(ms + step - 1, step) * step);
    }
}
