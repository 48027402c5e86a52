package io.drc.controller.replication;

import io.drc.controller.db.ClusteredQuartz;
import io.dropwizard.lifecycle.Managed;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
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
import org.quartz.impl.matchers.GroupMatcher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Quartz, with its JDBC job store in drc's own database (tables from Flyway), fires one cron trigger per distinct
 * schedule (not per resource: ten thousand resources on the default schedule are one trigger); each firing starts
 * a replication cycle for the resources on that schedule. Clustered, so two daemons on one PostgreSQL
 * fire each trigger once. Schedules and misfires survive a restart: a trigger whose fire time passed while no
 * daemon ran (by more than the misfire threshold, 60 s) fires once, at once, and then keeps its cron
 * ({@code MISFIRE_INSTRUCTION_FIRE_ONCE_NOW}): a missed copy is made as soon as possible, since the RPO grows
 * meanwhile, but only once, since one copy captures everything the missed ones would have. DO_NOTHING would wait
 * for the next fire time and breach the RPO; IGNORE_MISFIRES would fire once per missed time.
 */
public final class ReplicationScheduler implements Managed {
    static final String GROUP = "drc-replication";
    private static final Logger LOG = LoggerFactory.getLogger(ReplicationScheduler.class);

    private final DataSource dataSource;
    private final boolean postgres;
    private final ReplicationContext context;
    private final ReplicationEngine engine;
    private final Function<String, String> scheduleOf;
    private final Duration misfireThreshold;
    private Scheduler scheduler;

    public ReplicationScheduler(DataSource dataSource, boolean postgres, ReplicationContext context,
                                ReplicationEngine engine, Function<String, String> scheduleOf) {
        this(dataSource, postgres, context, engine, scheduleOf, Duration.ofMinutes(1));
    }

    /** {@code misfireThreshold}: how late a fire time must be to count as missed (Quartz's default, 60 s). */
    ReplicationScheduler(DataSource dataSource, boolean postgres, ReplicationContext context,
                         ReplicationEngine engine, Function<String, String> scheduleOf, Duration misfireThreshold) {
        this.misfireThreshold = misfireThreshold;
        this.dataSource = dataSource;
        this.postgres = postgres;
        this.context = context;
        this.engine = engine;
        this.scheduleOf = scheduleOf;
    }

    @Override
    public void start() throws SchedulerException {
        scheduler = ClusteredQuartz.start(dataSource, postgres, "drc-" + context.application(), 2, misfireThreshold,
                (bundle, ignored) -> new ReplicationCycleJob(engine, this::resourcesOn), s -> {
                    scheduler = s;
                    synchroniseTriggers();
                });
    }

    @Override
    public void stop() throws SchedulerException {
        if (scheduler != null) {
            scheduler.shutdown(true);
        }
    }

    /** The resources (with copies) on each schedule, schedules in a stable order. */
    private Map<String, List<String>> bySchedule() {
        Map<String, List<String>> out = new TreeMap<>();
        for (var resource : context.resources()) {
            if (resource.kind().hasCopies()) {
                out.computeIfAbsent(scheduleOf.apply(resource.id()), c -> new ArrayList<>()).add(resource.id());
            }
        }
        return out;
    }

    /** The resources a firing of {@code cron} replicates. */
    private List<String> resourcesOn(String cron) {
        return bySchedule().getOrDefault(cron, List.of());
    }

    /**
     * Adds and removes triggers so the store holds exactly one per configured schedule, keyed by the cron expression
     * itself. A trigger whose schedule is still in use keeps its state (its next fire time, a misfire to make up).
     */
    private void synchroniseTriggers() throws SchedulerException {
        Set<JobKey> wanted = new HashSet<>();
        for (Map.Entry<String, List<String>> schedule : bySchedule().entrySet()) {
            String cron = schedule.getKey();
            JobKey jobKey = JobKey.jobKey(cron, GROUP);
            wanted.add(jobKey);
            if (scheduler.getTrigger(TriggerKey.triggerKey(cron, GROUP)) instanceof CronTrigger) {
                continue;
            }
            scheduler.addJob(JobBuilder.newJob(ReplicationCycleJob.class).withIdentity(jobKey)
                    .usingJobData(ReplicationCycleJob.SCHEDULE, cron).storeDurably().build(), true);
            scheduler.scheduleJob(TriggerBuilder.newTrigger().withIdentity(cron, GROUP).forJob(jobKey)
                    .withSchedule(CronScheduleBuilder.cronSchedule(cron).inTimeZone(TimeZone.getTimeZone("UTC"))
                            .withMisfireHandlingInstructionFireAndProceed())
                    .build());
            LOG.info("replication schedule {} added ({} resource(s))", cron, schedule.getValue().size());
        }
        for (JobKey key : scheduler.getJobKeys(GroupMatcher.jobGroupEquals(GROUP))) {
            if (!wanted.contains(key)) {
                scheduler.deleteJob(key);
                LOG.info("replication trigger {} removed: no protected resource uses it", key.getName());
            }
        }
    }

    /** For tests: when each resource's schedule fires next, as Quartz holds it. */
    Map<String, Instant> nextFireTimes() throws SchedulerException {
        Map<String, Instant> out = new TreeMap<>();
        for (TriggerKey key : scheduler.getTriggerKeys(GroupMatcher.triggerGroupEquals(GROUP))) {
            Trigger trigger = scheduler.getTrigger(key);
            if (trigger != null && trigger.getNextFireTime() != null) {
                resourcesOn(key.getName()).forEach(id -> out.put(id, trigger.getNextFireTime().toInstant()));
            }
        }
        return out;
    }

    /** For tests: the cron expression Quartz holds for each resource. */
    public Map<String, String> schedules() throws SchedulerException {
        Map<String, String> out = new TreeMap<>();
        for (TriggerKey key : scheduler.getTriggerKeys(GroupMatcher.triggerGroupEquals(GROUP))) {
            if (scheduler.getTrigger(key) instanceof CronTrigger c) {
                resourcesOn(c.getCronExpression()).forEach(id -> out.put(id, c.getCronExpression()));
            }
        }
        return out;
    }

    /** For tests: how many triggers Quartz holds. */
    int triggerCount() throws SchedulerException {
        return scheduler.getTriggerKeys(GroupMatcher.triggerGroupEquals(GROUP)).size();
    }
}
