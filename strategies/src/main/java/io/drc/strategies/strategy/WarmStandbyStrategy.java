package io.drc.strategies.strategy;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonTypeName;
import io.drc.strategies.engine.ExecutionKind;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * DR keeps a replica and a small serving fleet; failover promotes and scales to full load. It runs the runbooks
 * pilot light runs: the fleet's size before a failover and after a fail-back is the groups' {@code standby}, which
 * the runbook reads from its input.
 */
@JsonTypeName("warm-standby")
public record WarmStandbyStrategy(
        @JsonProperty("rtoTargetSeconds") @NotNull @Positive Integer rtoTargetSeconds) implements DrStrategy {

    @Override
    public Map<ExecutionKind, String> runbooks() {
        return Map.of(ExecutionKind.FAILOVER, SharedRunbooks.PROMOTE_AND_SCALE_FAILOVER,
                ExecutionKind.FAILBACK, SharedRunbooks.REVERSE_REPLICATION_FAILBACK,
                ExecutionKind.DRILL, SharedRunbooks.REPLICA_DRILL);
    }

    @Override
    public List<StrategyProblem> check(RecoveryLayout recovery) {
        List<StrategyProblem> problems = new ArrayList<>(RegionRules.drServesNothing(typeName(), recovery));
        problems.addAll(somethingRunsInDr(recovery));
        return problems;
    }

    /**
     * With every DR group at standby 0 this is a pilot light, and status and RTO figures would claim a readiness
     * that is not there. A DR region without groups has nothing to keep warm and is left alone.
     */
    private static List<StrategyProblem> somethingRunsInDr(RecoveryLayout recovery) {
        List<RecoveryLayout.Group> groups = recovery.region(recovery.drRegion())
                .map(RecoveryLayout.Region::autoScalingGroups).orElse(List.of());
        if (groups.isEmpty() || groups.stream().anyMatch(g -> g.standby() != null && g.standby() > 0)) {
            return List.of();
        }
        return List.of(new StrategyProblem(RecoveryLayout.path(recovery.drRegion(), "autoScalingGroups"),
                "warm-standby keeps a scaled-down copy running in the DR region, but every group's standby is 0",
                "set standby to at least 1 on the DR groups, or use strategy pilot-light for a DR web tier at 0"));
    }
}
