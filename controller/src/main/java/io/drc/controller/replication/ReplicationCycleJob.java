package io.drc.controller.replication;

import java.util.Optional;
import org.quartz.DisallowConcurrentExecution;
import org.quartz.Job;
import org.quartz.JobExecutionContext;

/** What a resource's cron trigger runs: start a replication cycle (the ticker does the work). */
@DisallowConcurrentExecution
public final class ReplicationCycleJob implements Job {
    static final String RESOURCE = "resource";

    private final ReplicationEngine engine;

    public ReplicationCycleJob(ReplicationEngine engine) {
        this.engine = engine;
    }

    @Override
    public void execute(JobExecutionContext execution) {
        engine.startCycle(Optional.of(execution.getMergedJobDataMap().getString(RESOURCE)));
    }
}
