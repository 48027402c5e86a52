package io.drc.controller.rto;

import io.drc.controller.engine.StepRecord;
import io.drc.controller.engine.StepStatus;
import io.drc.strategies.runbook.Runbook;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * How long a failover would take now: the latest passing drill's measured waits laid on the failover runbook's
 * {@link CriticalPath}, adjusted by live state, plus the overhead the drill itself showed (its RTO minus its own
 * critical path: polling, AWS calls, the engine). Pure.
 *
 * <p>Where a duration comes from, per operation on the failover's path:
 * <ul>
 * <li>measured by the drill (the slowest of its steps waiting for that operation): restores, launches, healthy
 *     targets, and Route 53 INSYNC when {@code drills.dns} gives the drill a record of its own;
 * <li>{@code rds.promote}: a drill never promotes the replica (that would end replication), so the drill's restore of
 *     the DR data into a writable instance stands in for it, plus the replica's lag now (what it has still to
 *     apply); {@code rds.modify}: included in that restore, which is made with the configured class and Multi-AZ;
 * <li>the web tier's launch and healthy targets: none when every DR group already runs at full load now;
 * <li>Route 53 INSYNC not rehearsed: {@link #ROUTE53_PROPAGATION}, the 60 s AWS documents for a change to reach all
 *     its authoritative servers.
 * </ul>
 * An operation that none of these covers makes the prediction unavailable, with the reason.
 */
public final class PredictedRto {
    static final Duration ROUTE53_PROPAGATION = Duration.ofSeconds(60);

    /**
     * What the failover would start from now.
     *
     * @param replicaLagSeconds the DR replica's lag (null: not measured, or no replica)
     * @param drAtFullLoad      every DR Auto Scaling group has its full-load count of InService instances now
     */
    public record LiveState(Double replicaLagSeconds, boolean drAtFullLoad) { }

    /** The prediction and how it was made, one line per wait on the path. */
    public record Prediction(double seconds, List<String> path) { }

    private record Estimate(Duration duration, String source) { }

    private PredictedRto() {
    }

    /**
     * @param drill      the runbook the drill ran
     * @param drillSteps its step records (durations)
     * @param drillRto   its RTO in seconds
     * @throws IllegalStateException when an operation on the failover's path has no estimate
     */
    public static Prediction predict(Runbook failover, Runbook drill, List<StepRecord> drillSteps, double drillRto,
                                     LiveState live) {
        Map<String, Duration> measured = measured(drill, drillSteps);
        Duration drillPath = new CriticalPath(op -> measured.getOrDefault(op, Duration.ZERO), task -> true)
                .toRecovered(drill).length();
        Duration overhead = Duration.ofMillis(Math.max(0, Math.round(drillRto * 1000) - drillPath.toMillis()));
        CriticalPath.Chain chain = new CriticalPath(op -> estimate(op, measured, live).duration(), task -> true)
                .toRecovered(failover);
        List<String> path = new java.util.ArrayList<>(chain.links().stream()
                .map(link -> link + (link.operation().equals("Wait") ? ""
                        : " (" + estimate(link.operation(), measured, live).source() + ")"))
                .toList());
        path.add("overhead " + seconds(overhead) + " s (the drill's RTO " + drillRto + " s minus its waits "
                + seconds(drillPath) + " s: polling, AWS calls, the engine)");
        return new Prediction(seconds(chain.length().plus(overhead)), List.copyOf(path));
    }

    /** Per operation, the slowest successful step of the drill that waited for it (and found something to wait for). */
    static Map<String, Duration> measured(Runbook drill, List<StepRecord> steps) {
        Map<String, String> waits = CriticalPath.waits(drill);
        Map<String, Duration> measured = new HashMap<>();
        for (StepRecord step : steps) {
            String operation = waits.get(step.name());
            if (operation != null && step.status() == StepStatus.SUCCEEDED && step.startedAt() != null
                    && step.endedAt() != null && !waitedForNothing(step)) {
                measured.merge(operation, Duration.between(step.startedAt(), step.endedAt()),
                        (a, b) -> a.compareTo(b) >= 0 ? a : b);
            }
        }
        return measured;
    }

    /**
     * An await that found nothing to wait for measured nothing: the drill's {@code AwaitDrillDns} without
     * {@code drills.dns} ({@code drc:route53:awaitInsync} answers {@code UNCHANGED}).
     */
    private static boolean waitedForNothing(StepRecord step) {
        return step.output() != null && "UNCHANGED".equals(step.output().path("status").asText(null));
    }

    private static Estimate estimate(String operation, Map<String, Duration> measured, LiveState live) {
        Optional<Duration> drilled = Optional.ofNullable(measured.get(operation));
        Duration restore = measured.get("rds.restore");
        switch (operation) {
            case "autoscaling.instance.launch", "elbv2.target.healthy" -> {
                if (live.drAtFullLoad()) {
                    return new Estimate(Duration.ZERO, "none: the DR groups run at full load now");
                }
            }
            case "rds.promote" -> {
                if (restore != null) {
                    Double lag = live.replicaLagSeconds();
                    return new Estimate(restore.plusMillis(lag == null ? 0 : Math.round(lag * 1000)),
                            "the drill's restore stands in for the promotion"
                                    + (lag == null ? "; replica lag not measured" : " + replica lag " + lag + " s now"));
                }
            }
            case "rds.modify" -> {
                if (restore != null) {
                    return new Estimate(Duration.ZERO, "in the drill's restore, made with the configured class and Multi-AZ");
                }
            }
            case "route53.change.insync" -> {
                if (drilled.isEmpty()) {
                    return new Estimate(ROUTE53_PROPAGATION, "not rehearsed (no drills.dns): Route 53's 60 s");
                }
            }
            default -> { }
        }
        return drilled.map(d -> new Estimate(d, "measured by the drill")).orElseThrow(() -> new IllegalStateException(
                operation + " is on the failover's path but the drill neither measured it nor stands in for it"));
    }

    private static double seconds(Duration duration) {
        return duration.toMillis() / 1000.0;
    }
}
