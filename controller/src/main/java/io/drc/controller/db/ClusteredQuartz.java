package io.drc.controller.db;

import java.time.Duration;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.quartz.ObjectAlreadyExistsException;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.Trigger;
import org.quartz.impl.StdSchedulerFactory;
import org.quartz.spi.JobFactory;
import org.quartz.utils.DBConnectionManager;

/**
 * A Quartz scheduler on drc's own store: JDBC job store in drc's database (tables from Flyway), clustered, so that
 * daemons sharing one PostgreSQL fire each trigger once. Replication and drills each run one, under their own name.
 *
 * <p>Quartz's cluster membership follows drc's ({@link Clustering}): its scheduler instance is named by the node id
 * (so a daemon restarted with the same node id recovers its predecessor's fired triggers at its first check-in
 * instead of waiting), and its check-in interval is chosen so that Quartz declares a silent instance failed about
 * {@code cluster.deadAfter} after its last check-in, as drc does (Quartz adds a fixed 7.5 s grace to the interval).
 */
public final class ClusteredQuartz {
    /** What a scheduler sets up (its triggers) before it starts. */
    @FunctionalInterface
    public interface Setup {
        void apply(Scheduler scheduler) throws SchedulerException;
    }

    /** Quartz's own failure detection adds this to an instance's check-in interval. */
    static final Duration QUARTZ_GRACE = Duration.ofMillis(7500);

    /**
     * This daemon in Quartz's cluster: {@code instanceId} = the node id, and a silent instance is failed (its acquired
     * triggers released to the others) about {@code deadAfter} after its last check-in.
     */
    public record Clustering(String instanceId, Duration deadAfter) {
        /** deadAfter − Quartz's 7.5 s grace, at least 1 s. */
        public Duration checkinInterval() {
            Duration interval = deadAfter.minus(QUARTZ_GRACE);
            return interval.compareTo(Duration.ofSeconds(1)) < 0 ? Duration.ofSeconds(1) : interval;
        }
    }

    private static final AtomicLong PROVIDERS = new AtomicLong();

    private ClusteredQuartz() {
    }

    /**
     * @param instanceName     schedulers of one name share jobs and triggers across daemons
     * @param misfireThreshold how late a fire time must be to count as missed
     */
    public static Scheduler start(DataSource dataSource, boolean postgres, String instanceName, int threads,
                                  Duration misfireThreshold, Clustering clustering, JobFactory jobs, Setup setup)
            throws SchedulerException {
        String dataSourceName = instanceName + "-store-" + PROVIDERS.incrementAndGet();
        DBConnectionManager.getInstance().addConnectionProvider(dataSourceName, new QuartzConnections(dataSource));
        Scheduler scheduler = new StdSchedulerFactory(properties(dataSourceName, postgres, instanceName, threads,
                misfireThreshold, clustering)).getScheduler();
        try {
            scheduler.setJobFactory(jobs);
            setup.apply(scheduler);
            scheduler.start();
            return scheduler;
        } catch (SchedulerException | RuntimeException e) {
            // Quartz keeps schedulers in a JVM-wide repository by name: never leave a half-started one there.
            scheduler.shutdown(false);
            throw e;
        }
    }

    /**
     * Stores {@code trigger} under its key, replacing the one stored there. Daemons starting at the same moment each
     * look for the trigger, find none and store it: the one that stores second replaces it (the daemons share one
     * configuration) instead of failing its start with Quartz's ObjectAlreadyExistsException.
     */
    public static void putTrigger(Scheduler scheduler, Trigger trigger) throws SchedulerException {
        if (scheduler.getTrigger(trigger.getKey()) != null) {
            scheduler.rescheduleJob(trigger.getKey(), trigger);
            return;
        }
        try {
            scheduler.scheduleJob(trigger);
        } catch (ObjectAlreadyExistsException storedMeanwhile) {
            scheduler.rescheduleJob(trigger.getKey(), trigger);
        }
    }

    /**
     * Why {@code scheduler} does not fire triggers now, empty while it runs (the {@code scheduler} health check).
     * @param what names the scheduler in the message, e.g. "the replication scheduler"
     */
    public static Optional<String> problem(Scheduler scheduler, String what) {
        try {
            if (scheduler == null || !scheduler.isStarted()) {
                return Optional.of(what + " (Quartz) has not started");
            }
            if (scheduler.isShutdown() || scheduler.isInStandbyMode()) {
                return Optional.of(what + " (Quartz) is stopped: no schedule fires here");
            }
            return Optional.empty();
        } catch (SchedulerException e) {
            return Optional.of("cannot ask " + what + " (Quartz) its state: " + e.getMessage());
        }
    }

    private static Properties properties(String dataSourceName, boolean postgres, String instanceName, int threads,
                                         Duration misfireThreshold, Clustering clustering) {
        Properties p = new Properties();
        p.setProperty("org.quartz.scheduler.instanceName", instanceName);
        p.setProperty("org.quartz.scheduler.instanceId", clustering.instanceId());
        p.setProperty("org.quartz.scheduler.skipUpdateCheck", "true");
        p.setProperty("org.quartz.threadPool.threadCount", String.valueOf(threads));
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
}
