package io.drc.controller.replication;

import io.drc.controller.DrcConfiguration;
import io.drc.controller.config.ReplicationConfig;
import io.drc.controller.core.ResourceKind;
import io.drc.controller.db.RecoveryPointStore;
import io.drc.controller.db.ReplicationJobStore;
import io.drc.controller.db.RpoSamples;
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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds the replication parts from configuration, explicitly, in dependency order. The caller (DrcApplication
 * or a benchmark) decides how they run: Dropwizard-managed or driven by hand.
 */
public record ReplicationWiring(ReplicationContext context, ReplicationEngine engine, CatalogReconciler reconciler,
                                RetentionPruner pruner, RpoMonitor monitor, ReplicationTicker ticker,
                                AlarmReconciler alarms, ReplicationPlanner planner) {

    private static final Logger LOG = LoggerFactory.getLogger(ReplicationWiring.class);
    /** Completed copies the learned durations start from. */
    static final int DURATION_HISTORY = 500;

    /** {@code membership}: this daemon in the cluster (joined), whose claims and duties the replication parts use. */
    public static ReplicationWiring build(DrcConfiguration config, Jdbi jdbi, RecoveryPointStore catalog,
                                          AwsClients aws, ExecutorService workers, ClusterMembership membership,
                                          Clock clock) {
        ReplicationConfig settings = config.getReplication();
        ReplicationContext context = new ReplicationContext(config);
        ReplicationJobStore jobs = new ReplicationJobStore(jdbi);
        ReplicationPause pause = new ReplicationPause(new ServingHistory(jdbi)::latest, config.getDrRegion());
        List<KindReplicator<?>> replicators = List.of(new Ec2Replicator(aws, context, clock),
                new EbsReplicator(aws, context, clock), new RdsReplicator(aws, context, clock));
        Map<ResourceKind, KindReplicator<?>> byKind = new EnumMap<>(ResourceKind.class);
        replicators.forEach(r -> byKind.put(r.kind(), r));
        NewestRecoveryPoints newest = new NewestRecoveryPoints(catalog, config.getDrRegion());
        CopyDurations durations = new CopyDurations(settings.expectedDurations());
        durations.learnFrom(catalog.recentlyCompleted(config.getDrRegion(), DURATION_HISTORY));
        RetentionPruner pruner = new RetentionPruner(context, catalog, jobs, byKind, clock);
        CatalogRecorder recorder = new CatalogRecorder(context, catalog, pruner, newest, clock);
        JobTransitions transitions = JobTransitions.defaults().withPollInterval(settings.pollInterval().toJavaDuration());
        ReplicationEngine engine = new ReplicationEngine(context, jobs, replicators, recorder,
                new CopyAdmission(context, settings.maxConcurrentCopies(), newest), transitions,
                new ReplicationEngine.Timing(durations, PollSchedule.within(duration(settings.pollInterval()))),
                workers, new ReplicationEngine.Claiming(membership, duration(settings.lease()),
                        starvingAfter(duration(settings.tickInterval()))), pause, clock);
        CatalogReconciler reconciler = new CatalogReconciler(context, catalog, replicators);
        ReplicationPlanner planner = new ReplicationPlanner(context, jobs, newest, durations, settings,
                id -> config.scheduleOf(context.resource(id)), engine, clock);
        RpoMonitor monitor = new RpoMonitor(context, newest, jobs, new ReplicaLagReader(aws, context),
                new RpoPublisher(aws, context), new RpoSamples(jdbi, clock),
                planner::predictedRpoSeconds, pause, new RpoMeasurementStore(jdbi), membership, clock);
        ReplicationTicker ticker = new ReplicationTicker(engine, planner, reconciler, monitor, membership,
                duration(settings.tickInterval()), duration(settings.measureInterval()),
                duration(settings.reconcileInterval()), clock);
        AlarmReconciler alarms = new AlarmReconciler(aws, context,
                AlarmReconciler.Pacer.perSecond(AlarmReconciler.PUTS_PER_SECOND), duration(settings.reconcileInterval()),
                membership, settings.enabled());
        return new ReplicationWiring(context, engine, reconciler, pruner, monitor, ticker, alarms, planner);
    }

    /** Free jobs due this long are any daemon's, beyond its fair share: three ticks, at least 3 s. */
    private static Duration starvingAfter(Duration tickInterval) {
        Duration three = tickInterval.multipliedBy(3);
        return three.compareTo(Duration.ofSeconds(3)) > 0 ? three : Duration.ofSeconds(3);
    }

    private static Duration duration(io.dropwizard.util.Duration duration) {
        return duration.toJavaDuration();
    }

    /**
     * Logs a warning for each copy group whose RPO targets the quota cannot meet, with the durations observed so far
     * (the configured ones until copies have completed): the start-up counterpart of {@code drc check}.
     */
    public List<Feasibility.Verdict> warnIfInfeasible() {
        ReplicationConfig settings = context.settings();
        List<Feasibility.Verdict> infeasible = Feasibility.assess(
                Feasibility.demands(context.resources(), engine.durations()::expected),
                settings.maxConcurrentCopies(), settings.deadlineMargin().toJavaDuration()).stream()
                .filter(v -> !v.feasible()).toList();
        infeasible.forEach(v -> LOG.warn("RPO targets not feasible under the copy quota: {}", v.describe()));
        return infeasible;
    }
}
