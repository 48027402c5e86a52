package io.drc.controller.replication;

import com.codahale.metrics.Gauge;
import com.codahale.metrics.MetricRegistry;
import io.drc.controller.DrcConfiguration;
import io.drc.controller.config.ReplicationConfig;
import io.drc.controller.core.ResourceKind;
import io.drc.controller.db.RecoveryPointStore;
import io.drc.controller.db.ReplicationJobStore;
import io.drc.controller.db.ServingHistory;
import io.drc.controller.cluster.ClusterMembership;
import io.drc.controller.db.RpoMeasurementStore;
import io.drc.strategies.aws.AwsClients;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import org.jdbi.v3.core.Jdbi;

/**
 * Builds the replication parts from configuration, explicitly, in dependency order. The caller (DrcApplication
 * or a benchmark) decides how they run: Dropwizard-managed or driven by hand.
 */
public record ReplicationWiring(ReplicationContext context, ReplicationEngine engine, CatalogReconciler reconciler,
                                RetentionPruner pruner, RpoMonitor monitor, ReplicationTicker ticker) {

    /** {@code membership}: this daemon in the cluster (joined), whose claims and duties the replication parts use. */
    public static ReplicationWiring build(DrcConfiguration config, Jdbi jdbi, RecoveryPointStore catalog,
                                          AwsClients aws, ExecutorService workers, ClusterMembership membership,
                                          Clock clock) {
        ReplicationConfig settings = config.getReplication();
        ReplicationContext context = new ReplicationContext(config);
        ReplicationJobStore jobs = new ReplicationJobStore(jdbi);
        ReplicationPause pause = new ReplicationPause(new ServingHistory(jdbi)::latest, config.getDrRegion());
        List<KindReplicator> replicators = List.of(new Ec2Replicator(aws, context, clock),
                new EbsReplicator(aws, context, clock), new RdsReplicator(aws, context, clock));
        Map<ResourceKind, KindReplicator> byKind = new EnumMap<>(ResourceKind.class);
        replicators.forEach(r -> byKind.put(r.kind(), r));
        RetentionPruner pruner = new RetentionPruner(context, catalog, jobs, byKind, clock);
        CatalogRecorder recorder = new CatalogRecorder(context, catalog, pruner, clock);
        JobTransitions transitions = JobTransitions.defaults().withPollInterval(settings.pollInterval().toJavaDuration());
        ReplicationEngine engine = new ReplicationEngine(context, jobs, replicators, recorder,
                new CopyAdmission(context, settings.maxConcurrentCopies(), catalog), transitions, workers,
                new ReplicationEngine.Claiming(membership, duration(settings.lease()),
                        starvingAfter(duration(settings.tickInterval()))), pause, clock);
        CatalogReconciler reconciler = new CatalogReconciler(context, catalog, replicators);
        RpoMonitor monitor = new RpoMonitor(context, catalog, jobs, new ReplicaLagReader(aws, context),
                new RpoPublisher(aws, context), new io.drc.controller.db.RpoSamples(jdbi, clock), pause,
                new RpoMeasurementStore(jdbi), membership, clock);
        ReplicationTicker ticker = new ReplicationTicker(engine, reconciler, monitor, membership,
                duration(settings.tickInterval()), duration(settings.measureInterval()),
                duration(settings.reconcileInterval()), clock);
        return new ReplicationWiring(context, engine, reconciler, pruner, monitor, ticker);
    }

    /** Free jobs due this long are any daemon's, beyond its fair share: three ticks, at least 3 s. */
    private static Duration starvingAfter(Duration tickInterval) {
        Duration three = tickInterval.multipliedBy(3);
        return three.compareTo(Duration.ofSeconds(3)) > 0 ? three : Duration.ofSeconds(3);
    }

    private static Duration duration(io.dropwizard.util.Duration duration) {
        return duration.toJavaDuration();
    }

    /** Prometheus (via /metrics/prometheus): drc.rpo.seconds.&lt;resource&gt; and drc.rpo.compliant.&lt;resource&gt;. */
    public void registerGauges(MetricRegistry metrics) {
        for (var resource : context.resources()) {
            metrics.register(MetricRegistry.name("drc.rpo.seconds", resource.id()), (Gauge<Double>) () -> {
                RpoMeasurement m = monitor.latest(resource.id());
                return m == null || m.rpoSeconds() == null ? Double.NaN : m.rpoSeconds();
            });
            metrics.register(MetricRegistry.name("drc.rpo.compliant", resource.id()), (Gauge<Integer>) () -> {
                RpoMeasurement m = monitor.latest(resource.id());
                return m != null && m.compliant() ? 1 : 0;
            });
        }
    }
}
