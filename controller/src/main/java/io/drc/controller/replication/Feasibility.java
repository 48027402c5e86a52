package io.drc.controller.replication;

import io.drc.controller.config.ProtectedResourceConfig;
import io.drc.controller.config.ReplicationConfig;
import io.drc.controller.core.ResourceKind;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * Pure: can the configured RPO targets be met under the copy quotas? The physical limit: with K concurrent copies
 * of duration c, a DR region absorbs at most K / c copies a second, whatever the scheduler. A resource with target
 * T, source time s and copy time c must be copied at least every T − s − c − margin, so it keeps
 * c / (T − s − c − margin) of a slot busy on average; a copy group is feasible when its resources need at most the
 * K slots it has.
 */
public final class Feasibility {
    private Feasibility() {}

    /** One resource's demand on its copy group. */
    public record Demand(String resourceId, CopyGroup group, int targetSeconds, Duration source, Duration copy) {}

    /**
     * @param slotsNeeded          average concurrent copies the targets need
     * @param round                the time to copy every resource of the group once through its slots
     * @param shortestTarget       the shortest target every resource of the group could have (same for all)
     * @param regionsNeeded        DR regions (each with its own quota) the targets as configured would need
     * @param tooShort             resources whose target is shorter than one source, copy and margin
     */
    public record Verdict(CopyGroup group, int resources, int slots, Duration meanCopy, double slotsNeeded,
                          Duration round, Duration shortestTarget, int regionsNeeded, int shortestConfigured,
                          List<String> tooShort) {
        public boolean feasible() {
            return tooShort.isEmpty() && slotsNeeded <= slots;
        }

        /** What an operator reads: the numbers, and what would be feasible. */
        public String describe() {
            String what = resources + " " + kindName(group) + " × ~" + human(meanCopy) + " copies need "
                    + human(round) + " per round through " + slots + " slots";
            if (!tooShort.isEmpty()) {
                return what + ": the targets of " + tooShort.size() + " (e.g. " + tooShort.get(0)
                        + ") are shorter than one source and copy plus the margin; feasible: targets of at least "
                        + human(shortestTarget);
            }
            return what + ": targets from " + human(Duration.ofSeconds(shortestConfigured))
                    + " cannot all be met (they need " + Math.round(Math.ceil(slotsNeeded)) + " concurrent copies)"
                    + "; feasible: targets of at least " + human(shortestTarget) + ", or " + regionsNeeded
                    + " DR regions";
        }
    }

    /** The demands of a configuration, with the given expected durations (configured or learned). */
    public static List<Demand> demands(List<ProtectedResourceConfig> resources,
                                       BiFunction<ResourceKind, CopyDurations.Phase, Duration> expected) {
        List<Demand> out = new ArrayList<>();
        for (ProtectedResourceConfig r : resources) {
            if (r == null || r.kind() == null || r.id() == null || r.rpoTargetSeconds() == null) {
                continue;
            }
            CopyGroup.of(r.kind()).ifPresent(group -> out.add(new Demand(r.id(), group, r.rpoTargetSeconds(),
                    expected.apply(r.kind(), CopyDurations.Phase.SOURCE),
                    expected.apply(r.kind(), CopyDurations.Phase.COPY))));
        }
        return out;
    }

    public static List<Verdict> assess(List<Demand> demands, ReplicationConfig.MaxConcurrentCopies limits,
                                       Duration margin) {
        Map<CopyGroup, List<Demand>> byGroup = new EnumMap<>(CopyGroup.class);
        demands.forEach(d -> byGroup.computeIfAbsent(d.group(), g -> new ArrayList<>()).add(d));
        List<Verdict> verdicts = new ArrayList<>();
        byGroup.forEach((group, list) -> verdicts.add(assess(group, list, group.limit(limits), margin)));
        return verdicts;
    }

    static Verdict assess(CopyGroup group, List<Demand> demands, int slots, Duration margin) {
        double needed = 0;
        double copySeconds = 0;
        double longestPipeline = 0;
        int shortest = Integer.MAX_VALUE;
        List<String> tooShort = new ArrayList<>();
        for (Demand d : demands) {
            double c = seconds(d.copy());
            double pipeline = seconds(d.source()) + c + seconds(margin);
            double period = d.targetSeconds() - pipeline;
            copySeconds += c;
            longestPipeline = Math.max(longestPipeline, pipeline);
            shortest = Math.min(shortest, d.targetSeconds());
            if (period <= 0) {
                tooShort.add(d.resourceId());
            } else {
                needed += c / period;
            }
        }
        double round = copySeconds / slots;
        return new Verdict(group, demands.size(), slots, Duration.ofMillis(Math.round(copySeconds * 1000 / demands.size())),
                needed, Duration.ofMillis(Math.round(round * 1000)),
                Duration.ofMillis(Math.round((round + longestPipeline) * 1000)),
                (int) Math.max(1, Math.ceil(needed / slots)), shortest, tooShort);
    }

    private static double seconds(Duration d) {
        return d.toMillis() / 1000.0;
    }

    static String kindName(CopyGroup group) {
        return switch (group) {
            case EBS -> "EBS volumes";
            case AMI -> "EC2 instances (AMIs)";
            case RDS -> "RDS instances";
        };
    }

    /** 9 s, 75 min, 26 h. */
    static String human(Duration d) {
        long s = d.toSeconds();
        if (s < 120) {
            return s + " s";
        }
        if (s < 10 * 3600) {
            return Math.round(s / 60.0) + " min";
        }
        return Math.round(s / 3600.0) + " h";
    }
}
