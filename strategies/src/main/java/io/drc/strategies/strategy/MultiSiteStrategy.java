package io.drc.strategies.strategy;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonTypeName;
import io.drc.strategies.engine.ExecutionKind;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import java.util.List;
import java.util.Map;

/**
 * Both regions serve; failover takes the failed region's weight to 0 first (its own runbook: that order is the
 * difference), and fail-back is pilot light's with the normal weights and sizes of both regions in the input.
 */
@JsonTypeName("multi-site")
public record MultiSiteStrategy(
        @JsonProperty("rtoTargetSeconds") @NotNull @Positive Integer rtoTargetSeconds) implements DrStrategy {

    @Override
    public Map<ExecutionKind, String> runbooks() {
        return Map.of(ExecutionKind.FAILOVER, "multi-site-failover.asl.json",
                ExecutionKind.FAILBACK, SharedRunbooks.REVERSE_REPLICATION_FAILBACK,
                ExecutionKind.DRILL, SharedRunbooks.REPLICA_DRILL);
    }

    @Override
    public List<StrategyProblem> check(RecoveryLayout recovery) {
        return RegionRules.bothRegionsServe(typeName(), recovery);
    }
}
