package io.drc.controller.health;

import io.drc.controller.engine.StepObserver;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.time.Duration;

/**
 * {@code drc_step_duration_seconds{resource,status}}: how long runbook step attempts took, by handler and
 * outcome, as a histogram. Buckets from a second to an hour: steps wait on AWS (a promotion takes minutes).
 */
public final class StepDurations implements StepObserver {
    public static final String NAME = "drc_step_duration_seconds";

    private final Histogram durations = Histogram.builder().name(NAME)
            .help("Runbook step attempts from start to outcome, by step resource and status "
                    + "(succeeded, failed, timed_out)")
            .labelNames("resource", "status")
            .classicUpperBounds(0.1, 0.5, 1, 5, 15, 30, 60, 120, 300, 600, 1200, 1800, 3600)
            .build();

    public void register(PrometheusRegistry registry) {
        registry.register(durations);
    }

    @Override
    public void ended(String resource, String status, Duration took) {
        durations.labelValues(resource, status).observe(took.toMillis() / 1000.0);
    }
}
