package io.drc.simulator.cloudwatch;

import io.drc.simulator.core.MetricProvider;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Stands in for the RDS simulator: publishes {@code AWS/RDS ReplicaLag} of one replica, whatever the test sets. */
final class FakeReplicaLag implements MetricProvider {
    static final MetricId METRIC = new MetricId("AWS/RDS", "ReplicaLag", Map.of("DBInstanceIdentifier", "orders-replica"));

    private volatile double lagSeconds;

    void set(double seconds) {
        this.lagSeconds = seconds;
    }

    @Override
    public List<MetricId> metrics() {
        return List.of(METRIC);
    }

    @Override
    public Optional<Double> value(MetricId metric, Instant at) {
        return metric.equals(METRIC) ? Optional.of(lagSeconds) : Optional.empty();
    }
}
