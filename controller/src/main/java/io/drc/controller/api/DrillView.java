package io.drc.controller.api;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import com.fasterxml.jackson.databind.JsonNode;
import io.drc.controller.engine.ExecutionRecord;
import io.drc.controller.engine.StepRecord;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A drill as {@code GET /api/v1/drills} shows it: the execution (status, RTO against its target, steps), the
 * recovery points its database was restored from with their age when restored (the RPO the drill proved),
 * {@code leftovers} (null until the sweep has run; a drill with any is FAILED) and how long cleanup took.
 */
public record DrillView(@JsonUnwrapped ExecutionView execution, @NotNull List<RecoveryPointUsed> recoveryPointsUsed,
                        List<String> leftovers, Double cleanupSeconds) {
    static final String RESTORE_STEP = "RestoreDrillDatabase";
    static final String CLEANUP_STEP = "CleanUp";
    static final String SWEEP_STEP = "Sweep";
    static final String LEFTOVERS_ERROR = "Drc.DrillLeftovers";

    /** @param ageSeconds how old its data was when the restore started; null when the data's time is unknown */
    public record RecoveryPointUsed(String snapshotId, Instant sourceTime, Double ageSeconds) { }

    public static DrillView of(ExecutionRecord e, List<StepRecord> steps) {
        return new DrillView(ExecutionView.of(e, steps), recoveryPoints(steps), leftovers(e, steps),
                cleanupSeconds(steps));
    }

    private static List<RecoveryPointUsed> recoveryPoints(List<StepRecord> steps) {
        List<RecoveryPointUsed> points = new ArrayList<>();
        step(steps, RESTORE_STEP).filter(s -> s.output() != null && s.output().hasNonNull("snapshotId")).ifPresent(s -> {
            JsonNode out = s.output();
            Instant sourceTime = out.hasNonNull("sourceTime") ? Instant.parse(out.get("sourceTime").asText()) : null;
            Double age = sourceTime == null || s.startedAt() == null ? null
                    : Duration.between(sourceTime, s.startedAt()).toMillis() / 1000.0;
            points.add(new RecoveryPointUsed(out.get("snapshotId").asText(), sourceTime, age));
        });
        return points;
    }

    private static List<String> leftovers(ExecutionRecord e, List<StepRecord> steps) {
        Optional<StepRecord> sweep = step(steps, SWEEP_STEP);
        if (sweep.isPresent() && sweep.get().output() != null && sweep.get().output().has("leftovers")) {
            List<String> out = new ArrayList<>();
            sweep.get().output().get("leftovers").forEach(n -> out.add(n.asText()));
            return out;
        }
        if (LEFTOVERS_ERROR.equals(e.state().error())) {
            return List.of(e.state().cause());
        }
        // a sweep that found nothing and then reported the drill's earlier failure
        return sweep.filter(s -> s.endedAt() != null && !LEFTOVERS_ERROR.equals(s.error())).map(s -> List.<String>of())
                .orElse(null);
    }

    private static Double cleanupSeconds(List<StepRecord> steps) {
        Optional<Instant> start = step(steps, CLEANUP_STEP).map(StepRecord::startedAt);
        Optional<Instant> end = step(steps, SWEEP_STEP).map(StepRecord::endedAt);
        return start.isPresent() && end.isPresent() && end.get() != null && start.get() != null
                ? Duration.between(start.get(), end.get()).toMillis() / 1000.0 : null;
    }

    private static Optional<StepRecord> step(List<StepRecord> steps, String name) {
        return steps.stream().filter(s -> s.name().equals(name)).findFirst();
    }
}
