package io.drc.controller.replication;

import io.drc.controller.cluster.ClusterMembership;
import io.drc.controller.config.ProtectedResourceConfig;
import io.drc.strategies.aws.AwsClients;
import io.dropwizard.lifecycle.Managed;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.ComparisonOperator;
import software.amazon.awssdk.services.cloudwatch.model.MetricAlarm;
import software.amazon.awssdk.services.cloudwatch.model.PutMetricAlarmRequest;
import software.amazon.awssdk.services.cloudwatch.model.Statistic;

/**
 * Keeps one RPO alarm per resource in the DR region ({@code drc-<application>-<resource>-rpo}: threshold = the
 * resource's target, missing data = breaching, since a resource drc cannot measure is not a resource that is fine).
 * Runs on its own thread, never on replication's: the existing alarms are read with paginated
 * {@code DescribeAlarms} by name prefix (100 a call), and only the missing or changed ones are put, at most
 * {@link #PUTS_PER_SECOND} a second (CloudWatch's default PutMetricAlarm quota is 3 TPS). With thousands of
 * resources the first reconciliation takes minutes; replication copies meanwhile. The same passes keep the alarms
 * registered with {@link #alsoKeep} (RTO compliance's). On a daemon with replication disabled it keeps only those
 * (nothing there measures RPO, so RPO alarms would only ever say "no data").
 *
 * <p>With several daemons on one store, a pass is a duty taken by one daemon per {@code interval}
 * ({@link ClusterMembership#takeDuty}, intervals counted from the epoch): every daemon looks several times an
 * interval whether the current one's pass is still to be done, so the cluster makes exactly one pass per interval
 * while any daemon is alive, and a missing alarm is put once, not once per daemon.
 */
public final class AlarmReconciler implements Managed {
    static final double PUTS_PER_SECOND = 3.0;
    static final int PAGE = 100;
    /** The duty's name in {@code cluster_duties} (V13). */
    static final String DUTY = "alarm-reconcile";
    /** How many times an interval each daemon looks whether the interval's pass is done. */
    static final int LOOKS_PER_INTERVAL = 4;
    private static final Logger LOG = LoggerFactory.getLogger(AlarmReconciler.class);

    /** Waits between two PutMetricAlarm calls; tests pass one that does not wait. */
    @FunctionalInterface
    public interface Pacer {
        void beforeCall() throws InterruptedException;

        static Pacer perSecond(double rate) {
            long gapNanos = (long) (1e9 / rate);
            long[] next = {System.nanoTime()};
            return () -> {
                long wait = next[0] - System.nanoTime();
                if (wait > 0) {
                    TimeUnit.NANOSECONDS.sleep(wait);
                }
                next[0] = Math.max(next[0], System.nanoTime()) + gapNanos;
            };
        }

        static Pacer none() {
            return () -> { };
        }
    }

    /** What one pass found and did. */
    public record Pass(int existing, int created, int updated, int failed) {}

    private final AwsClients aws;
    private final ReplicationContext context;
    private final Pacer pacer;
    private final Duration interval;
    private final ClusterMembership membership;
    private ScheduledExecutorService executor;
    private final List<PutMetricAlarmRequest> alsoKept = new CopyOnWriteArrayList<>();
    private final boolean rpoAlarms;
    /** Set by {@link #stop}: a pass in progress puts no more alarms (the next pass, any daemon's, puts the rest). */
    private volatile boolean stopping;

    /** @param rpoAlarms whether to keep an RPO alarm per protected resource (false: only {@link #alsoKeep}'s) */
    public AlarmReconciler(AwsClients aws, ReplicationContext context, Pacer pacer, Duration interval,
                           ClusterMembership membership, boolean rpoAlarms) {
        this.aws = aws;
        this.context = context;
        this.pacer = pacer;
        this.interval = interval;
        this.membership = membership;
        this.rpoAlarms = rpoAlarms;
    }

    /**
     * Alarms of this application kept by the same passes beside the RPO ones (RTO compliance's); names start
     * {@code drc-<application>-}. Register before {@link #start}.
     */
    public void alsoKeep(List<PutMetricAlarmRequest> alarms) {
        alsoKept.addAll(alarms);
    }

    /**
     * Looks at once, then {@link #LOOKS_PER_INTERVAL} times an {@code interval}: the first daemon to look in an
     * interval makes its pass (an alarm someone deleted or edited is put back).
     */
    @Override
    public void start() {
        executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "rpo-alarms");
            thread.setDaemon(true);
            return thread;
        });
        long look = Math.max(1, interval.toMillis() / LOOKS_PER_INTERVAL);
        executor.scheduleWithFixedDelay(this::reconcileSafely, 0, look, TimeUnit.MILLISECONDS);
    }

    @Override
    public void stop() throws InterruptedException {
        stopping = true;
        if (executor != null) {
            // not shutdownNow: H2 closes the whole store when an interrupted thread reads its file (the duty is
            // taken in the store); a pass ends at its next put, at most one pacing gap away
            executor.shutdown();
            executor.awaitTermination(10, TimeUnit.SECONDS);
        }
    }

    private void reconcileSafely() {
        try {
            reconcileIfDue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.warn("cannot reconcile the alarms in {}; trying again in {}: {}", context.drRegion(), interval,
                    e.getMessage());
        }
    }

    /**
     * The current interval's pass, when no daemon (this one included) has taken it yet; empty when one has. A pass
     * that fails is tried again in the next interval, as a failed pass always was.
     */
    public Optional<Pass> reconcileIfDue() throws InterruptedException {
        long slot = Math.floorDiv(membership.now().toEpochMilli(), Math.max(1, interval.toMillis()));
        if (!membership.takeDuty(DUTY, slot)) {
            return Optional.empty();
        }
        return Optional.of(reconcile());
    }

    /** One pass: reads every alarm of this application, then puts the missing and the changed ones. */
    public Pass reconcile() throws InterruptedException {
        CloudWatchClient cloudWatch = aws.cloudWatch(context.drRegion());
        Map<String, MetricAlarm> existing = new HashMap<>();
        cloudWatch.describeAlarmsPaginator(r -> r.alarmNamePrefix(prefix(context.application())).maxRecords(PAGE))
                .metricAlarms().forEach(a -> existing.put(a.alarmName(), a));
        int created = 0;
        int updated = 0;
        List<String> failed = new ArrayList<>();
        List<PutMetricAlarmRequest> wanted = new ArrayList<>();
        if (rpoAlarms) {
            context.resources().forEach(resource -> wanted.add(rpoAlarm(resource)));
        }
        wanted.addAll(alsoKept);
        for (PutMetricAlarmRequest want : wanted) {
            MetricAlarm alarm = existing.get(want.alarmName());
            if (alarm != null && isAsWanted(alarm, want)) {
                continue;
            }
            if (stopping) {
                break;
            }
            pacer.beforeCall();
            try {
                cloudWatch.putMetricAlarm(want);
            } catch (RuntimeException e) {
                failed.add(want.alarmName() + ": " + e.getMessage());
                continue;
            }
            LOG.info("CloudWatch alarm {} {}", want.alarmName(), alarm == null ? "created" : "updated");
            if (alarm == null) {
                created++;
            } else {
                updated++;
            }
        }
        if (!failed.isEmpty()) {
            LOG.warn("{} alarm(s) could not be put in {}; the next pass tries again, e.g. {}", failed.size(),
                    context.drRegion(), failed.get(0));
        }
        return new Pass(existing.size(), created, updated, failed.size());
    }

    public static String alarmName(String application, String resourceId) {
        return prefix(application) + resourceId + "-rpo";
    }

    private static String prefix(String application) {
        return "drc-" + application + "-";
    }

    private static boolean isAsWanted(MetricAlarm alarm, PutMetricAlarmRequest wanted) {
        return Objects.equals(alarm.metricName(), wanted.metricName())
                && Objects.equals(alarm.threshold(), wanted.threshold())
                && Objects.equals(alarm.comparisonOperator(), wanted.comparisonOperator())
                && Objects.equals(alarm.period(), wanted.period())
                && Objects.equals(alarm.evaluationPeriods(), wanted.evaluationPeriods())
                && Objects.equals(alarm.treatMissingData(), wanted.treatMissingData());
    }

    private PutMetricAlarmRequest rpoAlarm(ProtectedResourceConfig resource) {
        return PutMetricAlarmRequest.builder().alarmName(alarmName(context.application(), resource.id()))
                .alarmDescription("drc: achieved RPO of " + resource.id() + " above its target of "
                        + resource.rpoTargetSeconds() + " s")
                .namespace(RpoPublisher.NAMESPACE).metricName(RpoPublisher.METRIC)
                .dimensions(RpoPublisher.dimensions(context.application(), resource.id()))
                .statistic(Statistic.MAXIMUM).period(60).evaluationPeriods(1)
                .threshold((double) resource.rpoTargetSeconds())
                .comparisonOperator(ComparisonOperator.GREATER_THAN_THRESHOLD)
                .treatMissingData("breaching").build();
    }
}
