package io.drc.controller.replication;

import io.drc.controller.api.RecoveryPoint;
import io.drc.controller.config.ProtectedResourceConfig;
import io.drc.controller.core.ResourceKind;
import io.drc.controller.db.ReplicationJobStore;
import io.drc.controller.db.RpoSamples;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Measures every resource's achieved RPO, keeps the latest measurements for the status, gauges and queue
 * ordering, stores them as history (rpo_samples, for charts) and hands them to the publisher (CloudWatch metric and
 * alarms).
 */
public final class RpoMonitor {
    private final ReplicationContext context;
    private final NewestRecoveryPoints newest;
    private final ReplicationJobStore jobs;
    private final ReplicaLagReader replicas;
    private final RpoPublisher publisher;
    private final RpoSamples samples;
    private final Function<String, Double> predictedRpo;
    private final ReplicationPause pause;
    private final Clock clock;
    private final Map<String, RpoMeasurement> latest = new ConcurrentHashMap<>();
    private volatile Snapshot snapshot;

    /**
     * One measurement of every resource, in configuration order, with what the status summarises: which are not
     * compliant and how many are. The status serves it as is (no query per resource, no AWS call).
     */
    public record Snapshot(Instant measuredAt, List<RpoMeasurement> measurements, List<String> notCompliant,
                           int compliant, Map<String, RpoMeasurement> byId, Set<String> notCompliantIds) {
        public static Snapshot of(Instant at, List<RpoMeasurement> measurements) {
            List<String> notCompliant = measurements.stream().filter(m -> !m.compliant())
                    .map(RpoMeasurement::resourceId).toList();
            Map<String, RpoMeasurement> byId = new HashMap<>();
            measurements.forEach(m -> byId.put(m.resourceId(), m));
            return new Snapshot(at, List.copyOf(measurements), notCompliant, measurements.size() - notCompliant.size(),
                    Map.copyOf(byId), Set.copyOf(notCompliant));
        }
    }

    public RpoMonitor(ReplicationContext context, NewestRecoveryPoints newest, ReplicationJobStore jobs,
                      ReplicaLagReader replicas, RpoPublisher publisher, RpoSamples samples,
                      Function<String, Double> predictedRpo, ReplicationPause pause, Clock clock) {
        this.predictedRpo = predictedRpo;
        this.context = context;
        this.newest = newest;
        this.jobs = jobs;
        this.replicas = replicas;
        this.publisher = publisher;
        this.samples = samples;
        this.pause = pause;
        this.clock = clock;
    }

    public List<RpoMeasurement> measure() {
        Instant now = clock.instant();
        newest.reload();
        Map<String, RecoveryPoint> newest = this.newest.all();
        Map<String, String> errors = errors();
        Optional<String> paused = pause.reason();
        List<RpoMeasurement> measured = new ArrayList<>();
        for (ProtectedResourceConfig resource : context.resources()) {
            RpoMeasurement m = resource.kind() == ResourceKind.RDS_REPLICA
                    ? replicas.measure(resource, now)
                    : RpoMeasurement.fromSourceTime(resource.id(),
                            newest.containsKey(resource.id()) ? newest.get(resource.id()).sourceTime() : null,
                            resource.rpoTargetSeconds(), errors.get(resource.id()), now);
            if (paused.isPresent() && resource.kind().hasCopies()) {
                m = m.notProtected(paused.get());
            }
            latest.put(resource.id(), m);
            measured.add(m);
        }
        samples.record(measured);
        snapshot = Snapshot.of(now, measured);
        Map<String, Double> predicted = new HashMap<>();
        for (ProtectedResourceConfig resource : context.resources()) {
            Double seconds = predictedRpo.apply(resource.id());
            if (seconds != null) {
                predicted.put(resource.id(), seconds);
            }
        }
        publisher.publish(measured, predicted);
        return measured;
    }

    /** The reason recorded on each resource whose newest job failed or is retrying after an error. */
    public Map<String, String> errors() {
        Map<String, String> errors = new HashMap<>();
        for (ReplicationJob job : jobs.latestPerResource()) {
            if (job.lastError() != null) {
                errors.put(job.resourceId(), (job.step() == JobStep.FAILED ? "replication failed: "
                        : "replication retrying (" + job.step() + "): ") + job.lastError());
            }
        }
        return errors;
    }

    /** Resources with a completed recovery point in the DR region (per the catalog). */
    public Set<String> resourcesWithRecoveryPoint() {
        newest.reload();
        return newest.all().keySet();
    }

    /** The last measurement of every resource; empty until the first. */
    public Optional<Snapshot> snapshot() {
        return Optional.ofNullable(snapshot);
    }

    public RpoMeasurement latest(String resourceId) {
        return latest.get(resourceId);
    }
}
