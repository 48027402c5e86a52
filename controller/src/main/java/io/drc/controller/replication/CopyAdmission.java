package io.drc.controller.replication;

import io.drc.controller.api.RecoveryPoint;
import io.drc.controller.config.ReplicationConfig;
import io.drc.controller.db.RecoveryPointStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Decides which due jobs run this tick: every job not waiting to copy, and as many queued copies per copy
 * group as the quota leaves free ({@link CopyQueue}). Copies in flight are the jobs awaiting their copy.
 */
public final class CopyAdmission {
    private final ReplicationContext context;
    private final ReplicationConfig.MaxConcurrentCopies limits;
    private final RecoveryPointStore catalog;

    public CopyAdmission(ReplicationContext context, ReplicationConfig.MaxConcurrentCopies limits,
                         RecoveryPointStore catalog) {
        this.context = context;
        this.limits = limits;
        this.catalog = catalog;
    }

    public List<ReplicationJob> runnable(List<ReplicationJob> due, List<ReplicationJob> active, Instant now) {
        List<ReplicationJob> runnable = new ArrayList<>(due.stream().filter(j -> j.step() != JobStep.COPY).toList());
        List<ReplicationJob> queued = due.stream().filter(j -> j.step() == JobStep.COPY).toList();
        if (queued.isEmpty()) {
            return runnable;
        }
        Map<String, RecoveryPoint> latest = catalog.latestCompletedPerResource(context.drRegion());
        Map<Long, ReplicationJob> byId = queued.stream().collect(Collectors.toMap(ReplicationJob::id, Function.identity()));
        for (CopyGroup group : CopyGroup.values()) {
            long inFlight = active.stream().filter(j -> j.step() == JobStep.AWAIT_COPY && inGroup(j, group)).count();
            List<CopyQueue.Candidate> waiting = queued.stream().filter(j -> inGroup(j, group))
                    .map(j -> new CopyQueue.Candidate(j.id(), urgency(j, latest, now))).toList();
            CopyQueue.admit(waiting, (int) inFlight, group.limit(limits)).forEach(id -> runnable.add(byId.get(id)));
        }
        return runnable;
    }

    private static boolean inGroup(ReplicationJob job, CopyGroup group) {
        return CopyGroup.of(job.kind()).equals(Optional.of(group));
    }

    private double urgency(ReplicationJob job, Map<String, RecoveryPoint> latest, Instant now) {
        RecoveryPoint newest = latest.get(job.resourceId());
        if (newest == null || !context.isProtected(job.resourceId())) {
            return Double.POSITIVE_INFINITY;
        }
        double rpo = Duration.between(newest.sourceTime(), now).toMillis() / 1000.0;
        return rpo / context.resource(job.resourceId()).rpoTargetSeconds();
    }
}
