package io.drc.controller.replication;

import java.util.List;
import java.util.function.Function;
import org.quartz.DisallowConcurrentExecution;
import org.quartz.Job;
import org.quartz.JobExecutionContext;

/** What a schedule's cron trigger runs: start a replication cycle for its resources (the ticker does the work). */
@DisallowConcurrentExecution
public final class ReplicationCycleJob implements Job {
    static final String SCHEDULE = "schedule";

    private final ReplicationEngine engine;
    private final Function<String, List<String>> resourcesOn;

    public ReplicationCycleJob(ReplicationEngine engine, Function<String, List<String>> resourcesOn) {
        this.engine = engine;
        this.resourcesOn = resourcesOn;
    }

    @Override
    public void execute(JobExecutionContext execution) {
        engine.startCycle(resourcesOn.apply(execution.getMergedJobDataMap().getString(SCHEDULE)));
    }
}
