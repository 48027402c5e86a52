package io.drc.controller.rto;

import io.drc.controller.api.RtoStatus;
import io.drc.controller.db.ExecutionStore;
import io.drc.controller.engine.ExecutionRecord;
import io.drc.controller.engine.RunbookCatalog;
import io.drc.strategies.engine.ExecutionKind;
import io.drc.strategies.engine.ExecutionState;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.cloudwatch.model.PutMetricAlarmRequest;

/**
 * RTO compliance from the drills in the store: the last passing drill and its age, the predicted RTO of a failover
 * now ({@link PredictedRto}), and whether both are within bounds. {@link #measure} runs every
 * {@code replication.measureInterval} beside the RPO measurement and publishes ({@link RtoMetrics});
 * {@link #current} answers the status from the store and the last reading.
 */
public final class RtoMonitor {
    private static final Logger LOG = LoggerFactory.getLogger(RtoMonitor.class);

    /** What compliance is judged against, from configuration. */
    public record Settings(String strategy, Integer targetSeconds, Duration maxAge) { }

    private record Reading(PredictedRto.LiveState state, Instant at) { }

    private final Settings settings;
    private final ExecutionStore executions;
    private final RunbookCatalog runbooks;
    private final Supplier<PredictedRto.LiveState> live;
    private final RtoMetrics metrics;
    private final Clock clock;
    private static final long FRESH_NANOS = 1_000_000_000L;
    private volatile Reading lastLive;
    private volatile Assessed assessed;

    /** {@code live} reads the state a failover would start from (AWS calls); only read to predict. */
    public RtoMonitor(Settings settings, ExecutionStore executions, RunbookCatalog runbooks,
                      Supplier<PredictedRto.LiveState> live, RtoMetrics metrics, Clock clock) {
        this.settings = settings;
        this.executions = executions;
        this.runbooks = runbooks;
        this.live = live;
        this.metrics = metrics;
        this.clock = clock;
    }

    /** The CloudWatch alarms on the metrics {@link #measure} publishes (kept by the alarm reconciler). */
    public List<PutMetricAlarmRequest> alarms() {
        return metrics.alarms();
    }

    /** Assesses with a fresh reading of live state and publishes the metrics (and the alarms, once). */
    public void measure() {
        try {
            Instant now = clock.instant();
            RtoStatus status = assess(now, () -> read(now));
            assessed = new Assessed(status, System.nanoTime());
            metrics.publish(status, now);
        } catch (RuntimeException e) {
            // the RPO measurement beside it goes on; the next interval tries again
            LOG.warn("cannot measure RTO compliance: {}", e.toString());
        }
    }

    /**
     * For the status, which never calls AWS: the live state as {@link #measure} last read it (before any reading,
     * none at full load and the lag unknown: the longer prediction). Assessed at most once a second — a few store
     * queries — however many status requests come.
     */
    public RtoStatus current() {
        Assessed last = assessed;
        long nanos = System.nanoTime();
        if (last != null && nanos - last.atNanos() < FRESH_NANOS) {
            return last.status();
        }
        Reading reading = lastLive;
        RtoStatus status = assess(clock.instant(),
                () -> reading != null ? reading.state() : new PredictedRto.LiveState(null, false));
        assessed = new Assessed(status, nanos);
        return status;
    }

    private record Assessed(RtoStatus status, long atNanos) { }

    private PredictedRto.LiveState read(Instant now) {
        PredictedRto.LiveState state = live.get();
        lastLive = new Reading(state, now);
        return state;
    }

    private RtoStatus assess(Instant now, Supplier<PredictedRto.LiveState> liveState) {
        ExecutionStore.DrillVerdicts verdicts = executions.drillVerdicts();
        Integer target = settings.targetSeconds();
        Optional<ExecutionRecord> passed = verdicts.latestPassed();
        RtoStatus.LastDrill last = passed.map(d -> new RtoStatus.LastDrill(d.id(), d.endedAt(), d.rtoSeconds(),
                Duration.between(d.endedAt(), now).toMillis() / 1000.0)).orElse(null);
        PredictedRto.Prediction prediction = null;
        String predictionProblem = null;
        if (passed.isPresent()) {
            try {
                prediction = predict(passed.get(), liveState.get());
            } catch (RuntimeException e) {
                predictionProblem = e.getMessage();
            }
        }
        String reason = reason(verdicts, last, prediction, predictionProblem, target);
        return new RtoStatus(target, settings.maxAge().toSeconds(), last,
                prediction == null ? null : prediction.seconds(), prediction == null ? null : prediction.path(),
                reason == null, reason);
    }

    private PredictedRto.Prediction predict(ExecutionRecord drill, PredictedRto.LiveState state) {
        var failover = runbooks.find(settings.strategy(), ExecutionKind.FAILOVER).orElseThrow(() ->
                new IllegalStateException("strategy " + settings.strategy() + " has no failover runbook loaded"));
        return PredictedRto.predict(failover.runbook(), runbooks.byName(drill.runbook()), executions.steps(drill.id()),
                drill.rtoSeconds(), state);
    }

    private String reason(ExecutionStore.DrillVerdicts verdicts, RtoStatus.LastDrill last,
                          PredictedRto.Prediction prediction, String predictionProblem, Integer target) {
        if (last == null) {
            return "no drill has passed yet: start one (POST /api/v1/drills) or set drills.schedule";
        }
        if (last.ageSeconds() > settings.maxAge().toSeconds()) {
            return "the last passing drill " + last.id() + " ended " + Math.round(last.ageSeconds()) + " s ago, more than"
                    + " drills.maxAge (" + settings.maxAge().toSeconds() + " s)";
        }
        Optional<ExecutionRecord> latest = verdicts.latest().filter(d -> !d.id().equals(last.id()));
        if (latest.isPresent()) {
            ExecutionRecord drill = latest.get();
            ExecutionState state = drill.state();
            return drill.status() == ExecutionState.Status.FAILED
                    ? "the latest drill " + drill.id() + " FAILED: " + state.error() + " (" + state.cause() + ")"
                    : "the latest drill " + drill.id() + " took " + drill.rtoSeconds() + " s, above the RTO target of "
                            + drill.rtoTargetSeconds() + " s";
        }
        if (prediction == null) {
            return "no predicted RTO: " + predictionProblem;
        }
        if (target != null && prediction.seconds() > target) {
            return "the predicted RTO of a failover now, " + prediction.seconds() + " s, is above the target of "
                    + target + " s";
        }
        return null;
    }
}
