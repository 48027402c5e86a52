package io.drc.controller.replication;

import io.drc.controller.api.RecoveryPoint;
import io.drc.controller.config.ReplicationConfig;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Decides which due jobs run this tick: every job that is neither waiting to copy nor about to create its source;
 * as many queued copies per copy group as the quota leaves free ({@link CopyQueue}); and at most
 * {@link #MAX_SOURCES_PER_TICK} new sources, earliest deadline first, so that a cron firing over thousands of
 * resources does not hold up the polls and copies behind it for minutes.
 */
public final class CopyAdmission {
    static final int MAX_SOURCES_PER_TICK = 200;

    private final ReplicationContext context;
    private final ReplicationConfig.MaxConcurrentCopies limits;
    private final NewestRecoveryPoints newest;

    public CopyAdmission(ReplicationContext context, ReplicationConfig.MaxConcurrentCopies limits,
                         NewestRecoveryPoints newest) {
        this.context = context;
        this.limits = limits;
        this.newest = newest;
    }

    /**
     * What the tick may run, whether due work was left for the next tick (more sources than the cap), and the copy
     * groups whose queued copies wait for a slot (every slot taken).
     */
    public record Admitted(List<ReplicationJob> runnable, boolean leftOver, Set<CopyGroup> queued) {}

    /** @param inFlight copies in flight per group: the jobs awaiting their copy, counted after this tick's polls */
    public Admitted runnable(List<ReplicationJob> due, Map<CopyGroup, Integer> inFlight) {
        List<ReplicationJob> runnable = new ArrayList<>(due.stream()
                .filter(j -> j.step() != JobStep.COPY && j.step() != JobStep.CREATE_SOURCE).toList());
        Map<Long, ReplicationJob> byId = due.stream().collect(Collectors.toMap(ReplicationJob::id, Function.identity()));
        List<CopyQueue.Candidate> sources = due.stream().filter(j -> j.step() == JobStep.CREATE_SOURCE)
                .map(this::candidate).toList();
        CopyQueue.order(sources).stream().limit(MAX_SOURCES_PER_TICK).forEach(c -> runnable.add(byId.get(c.jobId())));
        Set<CopyGroup> queued = EnumSet.noneOf(CopyGroup.class);
        for (CopyGroup group : CopyGroup.values()) {
            List<CopyQueue.Candidate> waiting = due.stream()
                    .filter(j -> j.step() == JobStep.COPY && inGroup(j, group)).map(this::candidate).toList();
            List<Long> admitted = CopyQueue.admit(waiting, inFlight.getOrDefault(group, 0), group.limit(limits));
            admitted.forEach(id -> runnable.add(byId.get(id)));
            if (admitted.size() < waiting.size()) {
                queued.add(group);
            }
        }
        return new Admitted(runnable, sources.size() > MAX_SOURCES_PER_TICK, queued);
    }

    private static boolean inGroup(ReplicationJob job, CopyGroup group) {
        return CopyGroup.of(job.kind()).equals(Optional.of(group));
    }

    private CopyQueue.Candidate candidate(ReplicationJob job) {
        return new CopyQueue.Candidate(job.id(), deadline(job.resourceId()));
    }

    /** When the resource's RPO reaches its target: the newest DR point's source time + target; null without one. */
    Instant deadline(String resourceId) {
        Optional<RecoveryPoint> point = newest.of(resourceId);
        if (point.isEmpty() || !context.isProtected(resourceId)) {
            return null;
        }
        return point.get().sourceTime().plusSeconds(context.resource(resourceId).rpoTargetSeconds());
    }
}
