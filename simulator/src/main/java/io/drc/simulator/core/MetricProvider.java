package io.drc.simulator.core;

import java.io.Serializable;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Source of a metric that AWS publishes by itself (not through PutMetricData), such as
 * {@code AWS/RDS ReplicaLag}. The CloudWatch simulator asks every provider of the region.
 * Called with the world locked. Providers are saved with their region (see {@link WorldStore}), hence serializable.
 */
public interface MetricProvider extends Serializable {
    /** A metric this provider can answer, for ListMetrics. */
    record MetricId(String namespace, String metricName, Map<String, String> dimensions) { }

    List<MetricId> metrics();

    /** The value at {@code at}, or empty when this provider does not know the metric or has no datapoint. */
    Optional<Double> value(MetricId metric, Instant at);
}
