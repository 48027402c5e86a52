package io.drc.controller.replication;

import io.drc.controller.api.RecoveryPoint;
import io.drc.controller.api.RecoveryPointState;
import io.drc.controller.config.ReplicationConfig;
import io.drc.controller.core.ResourceKind;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * How long a source and a copy take, learned from what drc observes: per resource (which captures its size and
 * how much of it changes between copies) and per kind (for a resource not copied yet), starting from the
 * configured {@link ReplicationConfig.ExpectedDurations}. Polls are timed by it, and the deadline plan and the
 * predicted RPO are built on it.
 *
 * <p>A poll only bounds the true duration: seen done at the first poll (made at the expected moment), the image or
 * snapshot may have finished earlier, so the sample is a little below what was seen and the estimate creeps down;
 * seen pending and then done, the duration lies between the two polls. The estimates therefore stay close above
 * the truth, where a poll at the expected moment mostly finds the work done.
 */
public final class CopyDurations {
    public enum Phase { SOURCE, COPY }

    /** Seen done at the first poll: it may have been done for a while. */
    static final double DONE_AT_FIRST_POLL = 0.97;
    static final double KIND_WEIGHT = 0.2;
    static final double RESOURCE_WEIGHT = 0.5;

    private record KindPhase(ResourceKind kind, Phase phase) {
        private static final KindPhase[][] ALL = new KindPhase[ResourceKind.values().length][Phase.values().length];

        static {
            for (ResourceKind kind : ResourceKind.values()) {
                for (Phase phase : Phase.values()) {
                    ALL[kind.ordinal()][phase.ordinal()] = new KindPhase(kind, phase);
                }
            }
        }

        static KindPhase of(ResourceKind kind, Phase phase) {
            return ALL[kind.ordinal()][phase.ordinal()];
        }
    }

    private final Map<KindPhase, Double> byKind = new ConcurrentHashMap<>();
    /** Per phase, by resource id: the planner asks for every resource on every tick, so no key object per ask. */
    private final Map<Phase, Map<String, Double>> byResource = new EnumMap<>(Map.of(
            Phase.SOURCE, new ConcurrentHashMap<>(), Phase.COPY, new ConcurrentHashMap<>()));

    public CopyDurations(ReplicationConfig.ExpectedDurations priors) {
        Map<KindPhase, io.dropwizard.util.Duration> initial = Map.of(
                new KindPhase(ResourceKind.EBS_VOLUME, Phase.SOURCE), priors.ebsSnapshot(),
                new KindPhase(ResourceKind.EBS_VOLUME, Phase.COPY), priors.ebsCopy(),
                new KindPhase(ResourceKind.EC2_INSTANCE, Phase.SOURCE), priors.image(),
                new KindPhase(ResourceKind.EC2_INSTANCE, Phase.COPY), priors.imageCopy(),
                new KindPhase(ResourceKind.RDS_INSTANCE, Phase.SOURCE), priors.dbSnapshot(),
                new KindPhase(ResourceKind.RDS_INSTANCE, Phase.COPY), priors.dbSnapshotCopy());
        initial.forEach((key, duration) -> byKind.put(key, duration.toMilliseconds() / 1000.0));
    }

    /**
     * Starts from what the catalog remembers: the copies completed in DR (from when drc started them to when it
     * saw them done), newest last. Sources are not in it with their start, so their priors stay.
     */
    public void learnFrom(List<RecoveryPoint> completedCopies) {
        for (RecoveryPoint point : completedCopies) {
            if (point.state() != RecoveryPointState.COMPLETED || point.completedAt() == null
                    || point.createdAt() == null || !point.completedAt().isAfter(point.createdAt())) {
                continue;
            }
            Duration took = Duration.between(point.createdAt(), point.completedAt());
            learn(point.kind(), Phase.COPY, point.resourceId(), took.toMillis() / 1000.0);
        }
    }

    public Duration expected(ResourceKind kind, Phase phase, String resourceId) {
        Double own = byResource.get(phase).get(resourceId);
        double seconds = own != null ? own : byKind.getOrDefault(KindPhase.of(kind, phase), 60.0);
        return Duration.ofMillis(Math.round(seconds * 1000));
    }

    /** The kind's estimate, for planning resources as a group (the feasibility check). */
    public Duration expected(ResourceKind kind, Phase phase) {
        return Duration.ofMillis(Math.round(byKind.getOrDefault(KindPhase.of(kind, phase), 60.0) * 1000));
    }

    /**
     * An image or snapshot seen done {@code doneAfter} its start; {@code pendingAfter}: when it was last seen still
     * pending (null: done at the first poll).
     */
    public void observed(ResourceKind kind, Phase phase, String resourceId, Duration doneAfter, Duration pendingAfter) {
        learn(kind, phase, resourceId, sample(doneAfter, pendingAfter));
    }

    /** Pure: the duration a poll's observation suggests, in seconds. */
    static double sample(Duration doneAfter, Duration pendingAfter) {
        double done = doneAfter.toMillis() / 1000.0;
        if (pendingAfter == null || pendingAfter.compareTo(doneAfter) >= 0) {
            return done * DONE_AT_FIRST_POLL;
        }
        return (done + pendingAfter.toMillis() / 1000.0) / 2;
    }

    private void learn(ResourceKind kind, Phase phase, String resourceId, double seconds) {
        if (!(seconds > 0)) {
            return;
        }
        byKind.merge(KindPhase.of(kind, phase), seconds, (old, s) -> old + KIND_WEIGHT * (s - old));
        byResource.get(phase).merge(resourceId, seconds, (old, s) -> old + RESOURCE_WEIGHT * (s - old));
    }
}
