package io.drc.controller.api;

import io.drc.controller.engine.ExecutionRecord;
import io.drc.controller.engine.StepRecord;
import jakarta.validation.constraints.NotNull;
import java.time.Instant;
import java.util.List;

/** An execution as the API shows it (API.md), with the RTO achieved and whether it met the strategy's target. */
public record ExecutionView(@NotNull String id, @NotNull String kind, String strategy, String runbook, @NotNull String status,
                            String requestedBy, String reason, String targetRegion, Instant startedAt, Instant endedAt,
                            Instant recoveredAt, Double rtoSeconds, Integer rtoTargetSeconds, Boolean rtoMet,
                            String error, String cause, @NotNull List<StepView> steps) {

    /**
     * One Task of the execution: its latest attempt.
     *
     * @param node the daemon ({@code cluster.nodeId}) running the Task, or that ran its latest attempt
     */
    public record StepView(@NotNull String name, String resource, @NotNull String status, Instant startedAt, Instant endedAt,
                           int attempts, String error, String node) {
        static StepView of(StepRecord s) {
            return new StepView(s.name(), s.resource(), s.status().name(), s.startedAt(), s.endedAt(), s.attempts(),
                    s.error(), s.nodeId());
        }
    }

    public static ExecutionView of(ExecutionRecord e, List<StepRecord> steps) {
        Boolean met = e.rtoSeconds() == null || e.rtoTargetSeconds() == null ? null : e.rtoSeconds() <= e.rtoTargetSeconds();
        return new ExecutionView(e.id(), e.kind().wireName(), e.strategy(), e.runbook(), e.status().name(),
                e.requestedBy(), e.reason(), e.targetRegion(), e.startedAt(), e.endedAt(), e.recoveredAt(),
                e.rtoSeconds(), e.rtoTargetSeconds(), met, e.state().error(), e.state().cause(),
                steps.stream().map(StepView::of).toList());
    }
}
