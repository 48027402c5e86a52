package io.drc.strategies.strategy;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonTypeName;
import io.drc.strategies.engine.ExecutionKind;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import java.util.List;
import java.util.Map;

/** Nothing runs in DR but copies; failover restores from the latest DR recovery points. */
@JsonTypeName("backup-restore")
public record BackupRestoreStrategy(
        @JsonProperty("rtoTargetSeconds") @NotNull @Positive Integer rtoTargetSeconds) implements DrStrategy {

    @Override
    public Map<ExecutionKind, String> runbooks() {
        return Map.of(ExecutionKind.FAILOVER, "backup-restore-failover.asl.json",
                ExecutionKind.FAILBACK, "backup-restore-failback.asl.json",
                ExecutionKind.DRILL, "backup-restore-drill.asl.json");
    }

    @Override
    public List<StrategyProblem> check(RecoveryLayout recovery) {
        return RegionRules.drServesNothing(typeName(), recovery);
    }
}
