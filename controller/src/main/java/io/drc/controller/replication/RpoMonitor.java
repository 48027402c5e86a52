package io.drc.controller.replication;

import io.drc.controller.api.RecoveryPoint;
import io.drc.controller.cluster.ClusterMembership;
import io.drc.controller.cluster.ClusterSnapshot;
import io.drc.controller.cluster.Holdings;
import io.drc.controller.config.ProtectedResourceConfig;
import io.drc.controller.core.ResourceKind;
import io.drc.controller.db.ReplicationJobStore;
import io.drc.controller.db.RpoMeasurementStore;
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
 * alarms). With several daemons on one store, one of them measures per interval ({@link ReplicationTicker}) and
 * stores the measurements; the others {@link #adopt} them. A resource whose replication job is stalled — held by a
 * dead daemon, or overdue — is not compliant.
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
    private final RpoMeasurementStore stored;
    private final ClusterMembership membership;
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
                      Function<String, Double> predictedRpo, ReplicationPause pause, RpoMeasurementStore stored,
                      ClusterMembership membership, Clock clock) {
        this.predictedRpo = predictedRpo;
        this.context = context;
        this.newest = newest;
        this.jobs = jobs;
        this.replicas = replicas;
        this.publisher = publisher;
        this.samples = samples;
        this.pause = pause;
        this.stored = stored;
        this.membership = membership;
        this.clock = clock;
    }

    public List<RpoMeasurement> measure() {
        reloadNewest();
        return measureReloaded();
    }

    /**
     * Reloads each resource's newest DR point from the catalog. The ticker does it on its own thread, the one whose
     * steps offer newly completed points, so a reload never overwrites a point offered while it read.
     */
    void reloadNewest() {
        newest.reload();
    }

    /** {@link #measure} without the reload: on any thread, after {@link #reloadNewest}. */
    List<RpoMeasurement> measureReloaded() {
        Instant now = clock.instant();
        Map<String, RecoveryPoint> newest = this.newest.all();
        Map<String, String> errors = errors();
        Optional<String> paused = pause.reason();
        Map<String, String> stalled = stalledJobs();
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
            if (stalled.containsKey(resource.id())) {
                m = m.notProtected(stalled.get(resource.id()));
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
        if (membership.view().size() > 1) {
            // for the other daemons to adopt; alone (H2, a single daemon) nobody reads them
            stored.save(measured, membership.owner());
        }
        return measured;
    }

    /** Another daemon measured this interval: take its measurements as this daemon's latest (and its snapshot). */
    public void adopt() {
        Map<String, RpoMeasurement> byId = new HashMap<>();
        stored.all().forEach(m -> byId.put(m.resourceId(), m));
        List<RpoMeasurement> adopted = new ArrayList<>();
        Instant measuredAt = null;
        for (ProtectedResourceConfig resource : context.resources()) {
            RpoMeasurement m = byId.get(resource.id());
            if (m != null) {
                latest.put(m.resourceId(), m);
                adopted.add(m);
                measuredAt = measuredAt == null || m.measuredAt().isAfter(measuredAt) ? m.measuredAt() : measuredAt;
            }
        }
        if (measuredAt != null) {
            snapshot = Snapshot.of(measuredAt, adopted);
        }
    }

    /** Resources whose replication job is held by a dead daemon or overdue, and why. */
    private Map<String, String> stalledJobs() {
        Map<String, String> stalled = new HashMap<>();
        List<Holdings.HeldJob> held = membership.holdings().jobs();
        if (held.isEmpty()) {
            return stalled;
        }
        ClusterSnapshot cluster = membership.snapshot();
        for (Holdings.HeldJob job : held) {
            cluster.stall("replication stalled: job " + job.jobId() + " (" + job.step() + ")", job.owner(),
                    job.claimedAt(), job.overdueAt(), "replication.lease")
                    .ifPresent(why -> stalled.put(job.resource(), why));
        }
        return stalled;
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
