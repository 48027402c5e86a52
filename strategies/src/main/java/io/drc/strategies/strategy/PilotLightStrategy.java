package io.drc.strategies.strategy;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonTypeName;
import io.drc.strategies.engine.ExecutionKind;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import java.util.List;
import java.util.Map;

/** DR keeps a read replica and an Auto Scaling group at 0; failover promotes and scales out. */
@JsonTypeName("pilot-light")
public record PilotLightStrategy(
        @JsonProperty("rtoTargetSeconds") @NotNull @Positive Integer rtoTargetSeconds) implements DrStrategy {

    @Override
    public Map<ExecutionKind, String> runbooks() {
        return Map.of(ExecutionKind.FAILOVER, SharedRunbooks.PROMOTE_AND_SCALE_FAILOVER,
                ExecutionKind.FAILBACK, SharedRunbooks.REVERSE_REPLICATION_FAILBACK,
                ExecutionKind.DRILL, SharedRunbooks.REPLICA_DRILL);
    }

    @Override
    public List<StrategyProblem> check(RecoveryLayout recovery) {
        return RegionRules.drServesNothing(typeName(), recovery);
    }
}
