package io.drc.controller.replication;

import io.dropwizard.lifecycle.Managed;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TimeZone;
import java.util.TreeMap;
import java.util.function.Function;
import javax.sql.DataSource;
import org.quartz.CronScheduleBuilder;
import org.quartz.CronTrigger;
import org.quartz.JobBuilder;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.quartz.TriggerKey;
import org.quartz.impl.StdSchedulerFactory;
import org.quartz.impl.matchers.GroupMatcher;
import org.quartz.utils.DBConnectionManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Quartz, with its JDBC job store in drc's own database (tables from Flyway), fires one cron trigger per
 * protected resource; each firing starts a replication cycle for it. Clustered, so two daemons on one PostgreSQL
 * fire each trigger once. Schedules and misfires survive a restart: a trigger whose fire time passed while no
 * daemon ran (by more than the misfire threshold, 60 s) fires once, at once, and then keeps its cron
 * ({@code MISFIRE_INSTRUCTION_FIRE_ONCE_NOW}): a missed copy is made as soon as possible, since the RPO grows
 * meanwhile, but only once, since one copy captures everything the missed ones would have. DO_NOTHING would wait
 * for the next fire time and breach the RPO; IGNORE_MISFIRES would fire once per missed time.
 *
 * <p>Quartz's cluster membership follows drc's: its scheduler instance is named by the node id (so a daemon restarted
 * with the same node id recovers its predecessor's fired triggers at its first check-in instead of waiting), and its
 * check-in interval is chosen so that Quartz declares a silent instance failed about {@code cluster.deadAfter} after
 * its last check-in, as drc does (Quartz adds a fixed 7.5 s grace to the interval).
 */
public final class ReplicationScheduler implements Managed {
    static final String GROUP = "drc-replication";
    private static final Logger LOG = LoggerFactory.getLogger(ReplicationScheduler.class);

    private final DataSource dataSource;
    private final boolean postgres;
    private final ReplicationContext context;
    private final ReplicationEngine engine;
    private final Function<String, String> scheduleOf;
    /** Quartz's own failure detection adds this to an instance's check-in interval. */
    static final Duration QUARTZ_GRACE = Duration.ofMillis(7500);

    private final Duration misfireThreshold;
    private final Clustering clustering;
    private Scheduler scheduler;

    /**
     * This daemon in Quartz's cluster: {@code instanceId} = the node id, and a silent instance is failed (its acquired
     * triggers released to the others) about {@code deadAfter} after its last check-in.
     */
    public record Clustering(String instanceId, Duration deadAfter) {
        /** deadAfter − Quartz's 7.5 s grace, at least 1 s. */
        Duration checkinInterval() {
            Duration interval = deadAfter.minus(QUARTZ_GRACE);
            return interval.compareTo(Duration.ofSeconds(1)) < 0 ? Duration.ofSeconds(1) : interval;
        }
    }

    public ReplicationScheduler(DataSource dataSource, boolean postgres, ReplicationContext context,
                                ReplicationEngine engine, Function<String, String> scheduleOf, Clustering clustering) {
        this(dataSource, postgres, context, engine, scheduleOf, clustering, Duration.ofMinutes(1));
    }

    /** {@code misfireThreshold}: how late a fire time must be to count as missed (Quartz's default, 60 s). */
    ReplicationScheduler(DataSource dataSource, boolean postgres, ReplicationContext context,
                         ReplicationEngine engine, Function<String, String> scheduleOf, Clustering clustering,
                         Duration misfireThreshold) {
        this.misfireThreshold = misfireThreshold;
        this.clustering = clustering;
        this.dataSource = dataSource;
        this.postgres = postgres;
        this.context = context;
        this.engine = engine;
        this.scheduleOf = scheduleOf;
    }

    @Override
    public void start() throws SchedulerException {
        String dataSourceName = "drc-store-" + System.identityHashCode(this);
        DBConnectionManager.getInstance().addConnectionProvider(dataSourceName, new QuartzConnections(dataSource));
        scheduler = new StdSchedulerFactory(properties(dataSourceName)).getScheduler();
        try {
            scheduler.setJobFactory((bundle, ignored) -> new ReplicationCycleJob(engine));
            synchroniseTriggers();
            scheduler.start();
        } catch (SchedulerException | RuntimeException e) {
            // Quartz keeps schedulers in a JVM-wide repository by name: never leave a half-started one there.
            scheduler.shutdown(false);
            throw e;
        }
    }

    @Override
    public void stop() throws SchedulerException {
        if (scheduler != null) {
            scheduler.shutdown(true);
        }
    }

    private Properties properties(String dataSourceName) {
        Properties p = new Properties();
        p.setProperty("org.quartz.scheduler.instanceName", "drc-" + context.application());
        p.setProperty("org.quartz.scheduler.instanceId", clustering.instanceId());
        p.setProperty("org.quartz.scheduler.skipUpdateCheck", "true");
        p.setProperty("org.quartz.threadPool.threadCount", "2");
        p.setProperty("org.quartz.jobStore.class", "org.quartz.impl.jdbcjobstore.JobStoreTX");
        p.setProperty("org.quartz.jobStore.driverDelegateClass", postgres
                ? "org.quartz.impl.jdbcjobstore.PostgreSQLDelegate" : "org.quartz.impl.jdbcjobstore.StdJDBCDelegate");
        p.setProperty("org.quartz.jobStore.dataSource", dataSourceName);
        p.setProperty("org.quartz.jobStore.tablePrefix", "QRTZ_");
        p.setProperty("org.quartz.jobStore.isClustered", "true");
        p.setProperty("org.quartz.jobStore.misfireThreshold", String.valueOf(misfireThreshold.toMillis()));
        p.setProperty("org.quartz.jobStore.clusterCheckinInterval",
                String.valueOf(clustering.checkinInterval().toMillis()));
        return p;
    }

    /** Adds, changes and removes triggers so the store holds exactly the configured schedules. */
    private void synchroniseTriggers() throws SchedulerException {
        Set<JobKey> wanted = new HashSet<>();
        for (var resource : context.resources()) {
            if (!resource.kind().hasCopies()) {
                continue;
            }
            JobKey jobKey = JobKey.jobKey(resource.id(), GROUP);
            wanted.add(jobKey);
            String cron = scheduleOf.apply(resource.id());
            Trigger existing = scheduler.getTrigger(TriggerKey.triggerKey(resource.id(), GROUP));
            if (existing instanceof CronTrigger c && c.getCronExpression().equals(cron)) {
                continue;
            }
            scheduler.addJob(JobBuilder.newJob(ReplicationCycleJob.class).withIdentity(jobKey)
                    .usingJobData(ReplicationCycleJob.RESOURCE, resource.id()).storeDurably().build(), true);
            Trigger trigger = TriggerBuilder.newTrigger().withIdentity(resource.id(), GROUP).forJob(jobKey)
                    .withSchedule(CronScheduleBuilder.cronSchedule(cron).inTimeZone(TimeZone.getTimeZone("UTC"))
                            .withMisfireHandlingInstructionFireAndProceed())
                    .build();
            if (existing == null) {
                scheduler.scheduleJob(trigger);
            } else {
                scheduler.rescheduleJob(existing.getKey(), trigger);
            }
            LOG.info("replication of {} scheduled: {}", resource.id(), cron);
        }
        for (JobKey key : scheduler.getJobKeys(GroupMatcher.jobGroupEquals(GROUP))) {
            if (!wanted.contains(key)) {
                scheduler.deleteJob(key);
                LOG.info("replication schedule of {} removed: no longer protected", key.getName());
            }
        }
    }

    /** Why the scheduler does not fire triggers now, empty while it runs (the {@code scheduler} health check). */
    public Optional<String> problem() {
        try {
            if (scheduler == null || !scheduler.isStarted()) {
                return Optional.of("the replication scheduler (Quartz) has not started");
            }
            if (scheduler.isShutdown() || scheduler.isInStandbyMode()) {
                return Optional.of("the replication scheduler (Quartz) is stopped: no schedule fires here");
            }
            return Optional.empty();
        } catch (SchedulerException e) {
            return Optional.of("cannot ask the replication scheduler (Quartz) its state: " + e.getMessage());
        }
    }

    /** For tests: when each resource's trigger fires next, as Quartz holds it. */
    Map<String, Instant> nextFireTimes() throws SchedulerException {
        Map<String, Instant> out = new TreeMap<>();
        for (TriggerKey key : scheduler.getTriggerKeys(GroupMatcher.triggerGroupEquals(GROUP))) {
            Trigger trigger = scheduler.getTrigger(key);
            if (trigger != null && trigger.getNextFireTime() != null) {
                out.put(key.getName(), trigger.getNextFireTime().toInstant());
            }
        }
        return out;
    }

    /** For tests: the cron expressions Quartz holds, by resource. */
    public Map<String, String> schedules() throws SchedulerException {
        Map<String, String> out = new TreeMap<>();
        for (TriggerKey key : scheduler.getTriggerKeys(GroupMatcher.triggerGroupEquals(GROUP))) {
            if (scheduler.getTrigger(key) instanceof CronTrigger c) {
                out.put(key.getName(), c.getCronExpression());
            }
        }
        return out;
    }
}
