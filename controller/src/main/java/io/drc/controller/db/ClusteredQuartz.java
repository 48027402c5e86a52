package io.drc.controller.db;

import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.impl.StdSchedulerFactory;
import org.quartz.spi.JobFactory;
import org.quartz.utils.DBConnectionManager;

/**
 * A Quartz scheduler on drc's own store: JDBC job store in drc's database (tables from Flyway), clustered, so that
 * daemons sharing one PostgreSQL fire each trigger once. Replication and drills each run one, under their own name.
 */
public final class ClusteredQuartz {
    /** What a scheduler sets up (its triggers) before it starts. */
    @FunctionalInterface
    public interface Setup {
        void apply(Scheduler scheduler) throws SchedulerException;
    }

    private static final AtomicLong PROVIDERS = new AtomicLong();

    private ClusteredQuartz() {
    }

    /**
     * @param instanceName     schedulers of one name share jobs and triggers across daemons
     * @param misfireThreshold how late a fire time must be to count as missed
     */
    public static Scheduler start(DataSource dataSource, boolean postgres, String instanceName, int threads,
                                  Duration misfireThreshold, JobFactory jobs, Setup setup) throws SchedulerException {
        String dataSourceName = instanceName + "-store-" + PROVIDERS.incrementAndGet();
        DBConnectionManager.getInstance().addConnectionProvider(dataSourceName, new QuartzConnections(dataSource));
        Scheduler scheduler = new StdSchedulerFactory(properties(dataSourceName, postgres, instanceName, threads,
                misfireThreshold)).getScheduler();
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

    private static Properties properties(String dataSourceName, boolean postgres, String instanceName, int threads,
                                         Duration misfireThreshold) {
        Properties p = new Properties();
        p.setProperty("org.quartz.scheduler.instanceName", instanceName);
        p.setProperty("org.quartz.scheduler.instanceId", "AUTO");
        p.setProperty("org.quartz.scheduler.skipUpdateCheck", "true");
        p.setProperty("org.quartz.threadPool.threadCount", String.valueOf(threads));
        p.setProperty("org.quartz.jobStore.class", "org.quartz.impl.jdbcjobstore.JobStoreTX");
        p.setProperty("org.quartz.jobStore.driverDelegateClass", postgres
                ? "org.quartz.impl.jdbcjobstore.PostgreSQLDelegate" : "org.quartz.impl.jdbcjobstore.StdJDBCDelegate");
        p.setProperty("org.quartz.jobStore.dataSource", dataSourceName);
        p.setProperty("org.quartz.jobStore.tablePrefix", "QRTZ_");
        p.setProperty("org.quartz.jobStore.isClustered", "true");
        p.setProperty("org.quartz.jobStore.misfireThreshold", String.valueOf(misfireThreshold.toMillis()));
        return p;
    }
}
