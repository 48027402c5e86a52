package io.drc.controller.core;

import com.codahale.metrics.health.HealthCheck;
import com.codahale.metrics.health.HealthCheckRegistry;
import io.drc.controller.DrcConfiguration;
import io.drc.controller.api.CheckStatus;
import io.drc.controller.api.ResourceStatus;
import io.drc.controller.api.RtoStatus;
import io.drc.controller.api.StatusResponse;
import io.drc.controller.config.ProtectedResourceConfig;
import io.drc.controller.db.RecoveryPointStore;
import io.drc.controller.db.ServingHistory;
import io.drc.controller.replication.RpoMeasurement;
import io.drc.controller.replication.RpoMonitor;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Assembles the status from configuration, the recovery-point catalog, the RPO measurements, the health checks
 * the executions (which region serves) and RTO compliance.
 */
public final class StatusReporter {
    private final DrcConfiguration config;
    private final RecoveryPointStore recoveryPoints;
    private final HealthCheckRegistry healthChecks;
    private final RpoMonitor rpo;
    private final ServingHistory serving;
    private final Supplier<RtoStatus> rto;

    public StatusReporter(DrcConfiguration config, RecoveryPointStore recoveryPoints, HealthCheckRegistry healthChecks,
                          RpoMonitor rpo, ServingHistory serving, Supplier<RtoStatus> rto) {
        this.config = config;
        this.recoveryPoints = recoveryPoints;
        this.healthChecks = healthChecks;
        this.rpo = rpo;
        this.serving = serving;
        this.rto = rto;
    }

    public StatusResponse report() {
        List<CheckStatus> checks = healthChecks.runHealthChecks().entrySet().stream()
                .map(StatusReporter::toCheck)
                .toList();
        List<ResourceStatus> resources = resources();
        RtoStatus rtoStatus = rto.get();
        // Ready = the application would survive losing the serving region now, in time: every check passes, every
        // resource has a recovery point within its RPO target, and drills show the RTO target holds.
        boolean ready = checks.stream().allMatch(CheckStatus::ok)
                && resources.stream().allMatch(r -> Boolean.TRUE.equals(r.compliant())) && rtoStatus.compliant();
        String active = serving.latest().map(ServingHistory.Serving::region).orElse(config.getPrimaryRegion());
        return new StatusResponse(config.getApplication(), config.getPrimaryRegion(), config.getDrRegion(),
                active, config.getStrategy().typeName(), ready, resources, checks, rtoStatus);
    }

    private List<ResourceStatus> resources() {
        Map<String, String> errors = rpo.errors();
        return config.getProtect().stream().map(resource -> toResource(resource, errors)).toList();
    }

    private ResourceStatus toResource(ProtectedResourceConfig resource, Map<String, String> errors) {
        var latest = recoveryPoints.latestCompleted(resource.id(), config.getDrRegion())
                .map(ResourceStatus.LatestRecoveryPoint::of)
                .orElse(null);
        RpoMeasurement measured = rpo.latest(resource.id());
        String error = measured != null && measured.reason() != null ? measured.reason()
                : errors.get(resource.id());
        return new ResourceStatus(resource.id(), resource.kind(), config.regionOf(resource),
                measured == null ? null : measured.rpoSeconds(), resource.rpoTargetSeconds(),
                measured == null ? null : measured.compliant(), latest, error);
    }

    private static CheckStatus toCheck(Map.Entry<String, HealthCheck.Result> entry) {
        HealthCheck.Result result = entry.getValue();
        String detail = result.getMessage() != null ? result.getMessage()
                : result.getError() != null ? result.getError().toString() : null;
        return new CheckStatus(entry.getKey(), result.isHealthy(), detail);
    }
}
