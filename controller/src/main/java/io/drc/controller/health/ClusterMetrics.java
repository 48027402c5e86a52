package io.drc.controller.health;

import com.codahale.metrics.Gauge;
import com.codahale.metrics.MetricRegistry;
import io.drc.controller.cluster.ClusterMembership;
import io.drc.controller.cluster.ClusterNode;
import io.drc.controller.cluster.ClusterSnapshot;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The cluster in Prometheus: {@code drc_cluster_nodes} (live daemons sharing the store),
 * {@code drc_node_heartbeat_age_seconds{node}} (every daemon seen in the last day; alert when one passes
 * {@code cluster.deadAfter}) and {@code drc_claims_refused} (results this daemon computed after losing its claim).
 * Labels need Prometheus' own gauges: Dropwizard metrics have none.
 */
public final class ClusterMetrics {
    private static final Logger LOG = LoggerFactory.getLogger(ClusterMetrics.class);
    private static final Duration LIST_FOR = Duration.ofDays(1);

    private ClusterMetrics() {}

    public static void register(PrometheusRegistry prometheus, MetricRegistry metrics, ClusterMembership membership) {
        GaugeWithCallback.builder().name("drc_cluster_nodes")
                .help("Live drc daemons sharing this daemon's store (heartbeat fresher than cluster.deadAfter)")
                .callback(callback -> {
                    ClusterSnapshot cluster = snapshot(membership);
                    if (cluster != null) {
                        callback.call(cluster.alive().size());
                    }
                })
                .register(prometheus);
        GaugeWithCallback.builder().name("drc_node_heartbeat_age_seconds")
                .help("Seconds since each drc daemon renewed its heartbeat, as this daemon's clock sees it")
                .labelNames("node")
                .callback(callback -> {
                    ClusterSnapshot cluster = snapshot(membership);
                    if (cluster == null) {
                        return;
                    }
                    for (ClusterNode node : cluster.nodes()) {
                        if (node.heartbeatAt().isAfter(cluster.now().minus(LIST_FOR))) {
                            callback.call(node.heartbeatAgeSeconds(cluster.now()), node.nodeId());
                        }
                    }
                })
                .register(prometheus);
        metrics.register("drc.claims.refused", (Gauge<Long>) membership::refusedWrites);
    }

    /** A store that does not answer leaves the gauges out of this scrape instead of failing it. */
    private static ClusterSnapshot snapshot(ClusterMembership membership) {
        try {
            return membership.snapshot();
        } catch (RuntimeException e) {
            LOG.warn("cannot read the cluster's nodes for Prometheus: {}", e.toString());
            return null;
        }
    }
}
