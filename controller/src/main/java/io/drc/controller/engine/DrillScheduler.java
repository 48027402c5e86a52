package io.drc.controller.engine;

import io.drc.controller.db.ClusteredQuartz;
import io.dropwizard.lifecycle.Managed;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.TimeZone;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.quartz.CronScheduleBuilder;
import org.quartz.CronTrigger;
import org.quartz.DisallowConcurrentExecution;
import org.quartz.Job;
import org.quartz.JobBuilder;
import org.quartz.JobExecutionContext;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.quartz.TriggerKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code drills.schedule}: a Quartz cron trigger in drc's own database (the JDBC job store replication uses,
 * clustered, so two daemons on one store fire it once) that starts a drill. A firing missed while no daemon ran is
 * not made up ({@code DO_NOTHING}): a drill is a rehearsal at a chosen time, not a debt. Its membership in Quartz's
 * cluster follows drc's ({@link ClusteredQuartz.Clustering}), as replication's does.
 */
public final class DrillScheduler implements Managed {
    static final String NAME = "drill";
    static final String GROUP = "drc-drills";
    private static final Logger LOG = LoggerFactory.getLogger(DrillScheduler.class);

    private final DataSource dataSource;
    private final boolean postgres;
    private final String application;
    private final String cron;
    private final Consumer<Instant> startDrill;
    private final ClusteredQuartz.Clustering clustering;
    private Scheduler scheduler;

    /** @param startDrill starts a drill for the firing scheduled at the given time */
    public DrillScheduler(DataSource dataSource, boolean postgres, String application, String cron,
                          Consumer<Instant> startDrill, ClusteredQuartz.Clustering clustering) {
        this.clustering = clustering;
        this.dataSource = dataSource;
        this.postgres = postgres;
        this.application = application;
        this.cron = cron;
        this.startDrill = startDrill;
    }

    @Override
    public void start() throws SchedulerException {
        // its own scheduler name: replication's scheduler and this one share the tables, not their jobs
        scheduler = ClusteredQuartz.start(dataSource, postgres, "drc-" + application + "-drills", 1,
                Duration.ofMinutes(1), clustering, (bundle, ignored) -> new ScheduledDrillJob(startDrill), s -> {
                    scheduler = s;
                    synchroniseTrigger();
                });
    }

    @Override
    public void stop() throws SchedulerException {
        if (scheduler != null) {
            scheduler.shutdown(true);
        }
    }

    /** Why the scheduler does not fire drills now, empty while it runs (the {@code scheduler} health check). */
    public Optional<String> problem() {
        return ClusteredQuartz.problem(scheduler, "the drill scheduler");
    }

    private void synchroniseTrigger() throws SchedulerException {
        JobKey job = JobKey.jobKey(NAME, GROUP);
        Trigger existing = scheduler.getTrigger(TriggerKey.triggerKey(NAME, GROUP));
        if (existing instanceof CronTrigger c && c.getCronExpression().equals(cron)) {
            return;
        }
        scheduler.addJob(JobBuilder.newJob(ScheduledDrillJob.class).withIdentity(job).storeDurably().build(), true);
        Trigger trigger = TriggerBuilder.newTrigger().withIdentity(NAME, GROUP).forJob(job)
                .withSchedule(CronScheduleBuilder.cronSchedule(cron).inTimeZone(TimeZone.getTimeZone("UTC"))
                        .withMisfireHandlingInstructionDoNothing())
                .build();
        ClusteredQuartz.putTrigger(scheduler, trigger);
        LOG.info("drills scheduled: {}", cron);
    }

    /** One firing: start a drill (the daemon's one place that starts executions decides whether it may). */
    @DisallowConcurrentExecution
    public static final class ScheduledDrillJob implements Job {
        private final Consumer<Instant> startDrill;

        public ScheduledDrillJob(Consumer<Instant> startDrill) {
            this.startDrill = startDrill;
        }

        @Override
        public void execute(JobExecutionContext context) {
            startDrill.accept(context.getScheduledFireTime().toInstant());
        }
    }
}
