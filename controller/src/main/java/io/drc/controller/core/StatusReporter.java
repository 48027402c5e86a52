package io.drc.controller.core;

import com.codahale.metrics.health.HealthCheck;
import com.codahale.metrics.health.HealthCheckRegistry;
import io.drc.controller.DrcConfiguration;
import io.drc.controller.api.CheckStatus;
import io.drc.controller.api.RecoveryPoint;
import io.drc.controller.api.ResourceStatus;
import io.drc.controller.api.RtoStatus;
import io.drc.controller.api.StatusResponse;
import io.drc.controller.api.StatusSummary;
import io.drc.controller.config.ProtectedResourceConfig;
import io.drc.controller.db.RecoveryPointStore;
import io.drc.controller.db.ServingHistory;
import io.drc.controller.health.AwsRegionHealthCheck;
import io.drc.controller.replication.RpoMeasurement;
import io.drc.controller.replication.RpoMonitor;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Assembles the status from what background work measured: the last RPO measurement of every resource (a summary
 * and one page of resources), the health checks (those reaching AWS answer from their last background probe), the
 * newest DR recovery point of the page's resources (one query), which region serves and RTO compliance
 * ({@code RtoMonitor#current}: store queries and the last live reading). Nothing here calls AWS,
 * and the work does not grow with the number of resources beyond the page.
 */
public final class StatusReporter {
    /** Which page of resources: at most {@code limit} after the resource {@code after} (null: from the first). */
    public record Page(int limit, String after, Boolean compliant) {}

    /** The cursor named a resource this daemon does not protect (the configuration changed between pages). */
    public static final class UnknownCursor extends RuntimeException {
        public UnknownCursor(String resourceId) {
            super(resourceId);
        }
    }

    private final DrcConfiguration config;
    private final RecoveryPointStore recoveryPoints;
    private final HealthCheckRegistry healthChecks;
    private final RpoMonitor rpo;
    private final Supplier<Optional<ServingHistory.Serving>> serving;
    private final Function<String, Double> predictedRpo;
    private final Supplier<RtoStatus> rto;
    private final Clock clock;
    private static final long CHECKS_FRESH_NANOS = 1_000_000_000L;
    private final Map<String, Integer> position = new HashMap<>();
    private volatile Checked checked;

    public StatusReporter(DrcConfiguration config, RecoveryPointStore recoveryPoints, HealthCheckRegistry healthChecks,
                          RpoMonitor rpo, Supplier<Optional<ServingHistory.Serving>> serving,
                          Function<String, Double> predictedRpo,
                          Supplier<RtoStatus> rto, Clock clock) {
        this.config = config;
        this.recoveryPoints = recoveryPoints;
        this.healthChecks = healthChecks;
        this.rpo = rpo;
        this.serving = serving;
        this.predictedRpo = predictedRpo;
        this.rto = rto;
        this.clock = clock;
        List<ProtectedResourceConfig> resources = config.getProtect();
        for (int i = 0; i < resources.size(); i++) {
            position.put(resources.get(i).id(), i);
        }
    }

    /**
     * What every page is assembled from, read once per request: the health checks and the RTO assessment (each
     * refreshed at most once a second), the last RPO measurement (held in memory) and which region serves
     * ({@link ServingReading}: a single-row query, at most once a second unless this daemon recorded a recovery).
     * While it stays {@link Basis#sameAs the same}, a page assembled from it stays valid apart from the page's newest
     * recovery points and predicted RPOs, which a cache of pages refreshes by age.
     */
    public record Basis(List<CheckStatus> checks, Optional<RpoMonitor.Snapshot> measured, RtoStatus rto,
                        Optional<ServingHistory.Serving> serving) {
        /** Same objects for what is held in memory (a new measurement is a new snapshot), equal for the rest. */
        public boolean sameAs(Basis other) {
            return checks == other.checks && measured.orElse(null) == other.measured.orElse(null)
                    && rto.equals(other.rto) && serving.equals(other.serving);
        }
    }

    public Basis basis() {
        return new Basis(checks(clock.instant()), rpo.snapshot(), rto.get(), serving.get());
    }

    public StatusResponse report(Page page) {
        return report(page, basis());
    }

    public StatusResponse report(Page page, Basis basis) {
        List<CheckStatus> checks = basis.checks();
        Optional<RpoMonitor.Snapshot> measured = basis.measured();
        int total = config.getProtect().size();
        int compliant = measured.map(RpoMonitor.Snapshot::compliant).orElse(0);
        RtoStatus rtoStatus = basis.rto();
        // Ready = the application would survive losing the serving region now, in time: every check passes, every
        // resource has a recovery point within its RPO target, and drills show the RTO target holds.
        boolean ready = checks.stream().allMatch(CheckStatus::ok) && measured.isPresent() && compliant == total
                && rtoStatus.compliant();
        List<ProtectedResourceConfig> selected = select(page, measured);
        Map<String, RpoMeasurement> byId = measured.map(RpoMonitor.Snapshot::byId).orElse(Map.of());
        Map<String, RecoveryPoint> latest = recoveryPoints.latestCompleted(
                selected.stream().map(ProtectedResourceConfig::id).toList(), config.getDrRegion());
        List<ResourceStatus> resources = selected.stream().limit(page.limit())
                .map(r -> toResource(r, byId.get(r.id()), latest.get(r.id()))).toList();
        String next = selected.size() > page.limit() ? resources.get(resources.size() - 1).id() : null;
        String active = basis.serving().map(ServingHistory.Serving::region).orElse(config.getPrimaryRegion());
        return new StatusResponse(config.getApplication(), config.getPrimaryRegion(), config.getDrRegion(),
                active, config.getStrategy().typeName(), ready, resources, checks,
                new StatusSummary(total, compliant, total - compliant, measured.map(RpoMonitor.Snapshot::measuredAt)
                        .orElse(null)), next, rtoStatus);
    }

    /**
     * The health checks, run at most once a second whatever the number of status requests: those reaching AWS answer
     * from their background probe; the store's and the JVM's are cheap, but not free at hundreds of requests a second.
     */
    private List<CheckStatus> checks(Instant now) {
        Checked last = checked;
        long nanos = System.nanoTime();
        if (last != null && nanos - last.atNanos() < CHECKS_FRESH_NANOS) {
            return last.checks();
        }
        List<CheckStatus> checks = healthChecks.runHealthChecks().entrySet().stream()
                .map(e -> toCheck(e.getKey(), e.getValue(), now)).toList();
        checked = new Checked(checks, nanos);
        return checks;
    }

    private record Checked(List<CheckStatus> checks, long atNanos) {}

    /** The page's resources in configuration order, plus one more when there is a next page. */
    private List<ProtectedResourceConfig> select(Page page, Optional<RpoMonitor.Snapshot> measured) {
        int from = 0;
        if (page.after() != null) {
            Integer at = position.get(page.after());
            if (at == null) {
                throw new UnknownCursor(page.after());
            }
            from = at + 1;
        }
        List<ProtectedResourceConfig> all = config.getProtect();
        if (page.compliant() == null) {
            return all.subList(Math.min(from, all.size()), Math.min(all.size(), from + page.limit() + 1));
        }
        // Filtered: walk the not-compliant ones (a resource not measured yet is not known to be compliant).
        List<String> notCompliant = measured.map(RpoMonitor.Snapshot::notCompliant)
                .orElseGet(() -> all.stream().map(ProtectedResourceConfig::id).toList());
        Set<String> bad = measured.map(RpoMonitor.Snapshot::notCompliantIds).orElseGet(() -> Set.copyOf(notCompliant));
        List<ProtectedResourceConfig> out = new ArrayList<>();
        if (!page.compliant()) {
            for (String id : notCompliant) {
                if (position.get(id) >= from) {
                    out.add(all.get(position.get(id)));
                    if (out.size() > page.limit()) {
                        break;
                    }
                }
            }
            return out;
        }
        for (int i = from; i < all.size() && out.size() <= page.limit(); i++) {
            if (!bad.contains(all.get(i).id())) {
                out.add(all.get(i));
            }
        }
        return out;
    }

    private ResourceStatus toResource(ProtectedResourceConfig resource, RpoMeasurement measured, RecoveryPoint latest) {
        return new ResourceStatus(resource.id(), resource.kind(), config.regionOf(resource),
                measured == null ? null : measured.rpoSeconds(), resource.rpoTargetSeconds(),
                measured == null ? null : measured.compliant(),
                latest == null ? null : ResourceStatus.LatestRecoveryPoint.of(latest),
                measured == null ? null : measured.reason(), predictedRpo.apply(resource.id()));
    }

    private static CheckStatus toCheck(String name, HealthCheck.Result result, Instant now) {
        String detail = result.getMessage() != null ? result.getMessage()
                : result.getError() != null ? result.getError().toString() : null;
        Object checkedAt = result.getDetails() == null ? null : result.getDetails().get(AwsRegionHealthCheck.CHECKED_AT);
        Instant at = checkedAt == null ? now : Instant.parse(checkedAt.toString());
        return new CheckStatus(name, result.isHealthy(), detail, at,
                Math.max(0, Duration.between(at, now).toMillis()) / 1000.0);
    }
}
