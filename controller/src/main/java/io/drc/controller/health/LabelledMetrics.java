package io.drc.controller.health;

import io.drc.controller.config.ProtectedResourceConfig;
import io.drc.controller.db.ExecutionStore;
import io.drc.controller.replication.RpoMeasurement;
import io.prometheus.metrics.core.metrics.CounterWithCallback;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.util.List;
import java.util.function.Function;

/**
 * drc's own Prometheus metrics with labels (the Dropwizard metrics keep their flat names beside them), read when
 * scraped: {@code drc_rpo_seconds{resource}}, {@code drc_rpo_target_seconds{resource}},
 * {@code drc_rpo_compliant{resource}} and {@code drc_executions_total{kind,status}} counted from the store, so a
 * restart does not reset them. Beside them, counted as things happen in this daemon: {@link StepDurations} and
 * {@link AwsCallMetrics}.
 */
public final class LabelledMetrics {
    /** The names as exported (a counter gains {@code _total}); dashboards may query these. */
    public static final java.util.Set<String> NAMES = java.util.Set.of("drc_rpo_seconds", "drc_rpo_target_seconds",
            "drc_rpo_compliant", "drc_executions_total", StepDurations.NAME, StepDurations.NAME + "_bucket",
            StepDurations.NAME + "_count", StepDurations.NAME + "_sum", AwsCallMetrics.NAME + "_total");

    private LabelledMetrics() {}

    public static void register(PrometheusRegistry registry, List<ProtectedResourceConfig> resources,
                                Function<String, RpoMeasurement> latestRpo, ExecutionStore executions) {
        GaugeWithCallback.builder().name("drc_rpo_seconds")
                .help("Achieved RPO: age of the newest recovery point in the DR region (absent until measured)")
                .labelNames("resource")
                .callback(cb -> resources.forEach(r -> {
                    RpoMeasurement m = latestRpo.apply(r.id());
                    if (m != null && m.rpoSeconds() != null) {
                        cb.call(m.rpoSeconds(), r.id());
                    }
                }))
                .register(registry);
        GaugeWithCallback.builder().name("drc_rpo_target_seconds").help("The configured RPO target")
                .labelNames("resource")
                .callback(cb -> resources.forEach(r -> cb.call(r.rpoTargetSeconds(), r.id())))
                .register(registry);
        // one series per resource under one name: at 10,000 resources a flat gauge per resource cost 20,000
        // JMX beans at start-up and as many entries in /metrics
        GaugeWithCallback.builder().name("drc_rpo_compliant")
                .help("1 when the last measured RPO met the target, 0 otherwise (and until measured)")
                .labelNames("resource")
                .callback(cb -> resources.forEach(r -> {
                    RpoMeasurement m = latestRpo.apply(r.id());
                    cb.call(m != null && m.compliant() ? 1 : 0, r.id());
                }))
                .register(registry);
        CounterWithCallback.builder().name("drc_executions").help("Executions that ended, by kind and final status")
                .labelNames("kind", "status")
                .callback(cb -> executions.endedCounts().forEach(c -> cb.call(c.count(), c.kind(), c.status())))
                .register(registry);
    }
}
