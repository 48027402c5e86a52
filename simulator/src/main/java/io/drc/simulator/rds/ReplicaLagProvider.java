package io.drc.simulator.rds;

import io.drc.simulator.core.MetricProvider;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code AWS/RDS ReplicaLag} (seconds, dimension {@code DBInstanceIdentifier}) of the read replicas of one region:
 * a small deterministic lag (0–5 s) while replicating, a lag set through {@link RdsState#setReplicaLag}, −1 when
 * replication is not active, no datapoints for standalone instances or replicas still being created.
 */
final class ReplicaLagProvider implements MetricProvider {
    static final String NAMESPACE = "AWS/RDS";
    static final String METRIC = "ReplicaLag";
    static final String DIMENSION = "DBInstanceIdentifier";
    private static final int MAX_NATURAL_LAG_SECONDS = 5;

    private final RdsState state;

    ReplicaLagProvider(RdsState state) {
        this.state = state;
    }

    @Override
    public List<MetricId> metrics() {
        return state.instances().stream()
                .filter(ReplicaLagProvider::reports)
                .map(i -> new MetricId(NAMESPACE, METRIC, Map.of(DIMENSION, i.identifier)))
                .toList();
    }

    @Override
    public Optional<Double> value(MetricId metric, Instant at) {
        if (!NAMESPACE.equals(metric.namespace()) || !METRIC.equals(metric.metricName())
                || metric.dimensions().size() != 1 || !metric.dimensions().containsKey(DIMENSION)) {
            return Optional.empty();
        }
        return state.findInstance(metric.dimensions().get(DIMENSION))
                .filter(ReplicaLagProvider::reports)
                .filter(i -> !at.isBefore(i.createdAt))
                .map(i -> lag(i, at));
    }

    private static boolean reports(DbInstanceRecord instance) {
        return instance.isReplica() && instance.replicationStatus != null;
    }

    private static double lag(DbInstanceRecord replica, Instant at) {
        if (!replica.replicating()) {
            return -1;
        }
        if (replica.lagSeconds != null) {
            return replica.lagSeconds;
        }
        // Varies minute by minute, the same on every run.
        return Math.floorMod((replica.identifier + "@" + at.getEpochSecond() / 60).hashCode(), MAX_NATURAL_LAG_SECONDS + 1);
    }
}
