package io.drc.strategies.strategy;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Rules about which regions serve in normal operation, shared by the strategies' checks. */
final class RegionRules {
    private RegionRules() {
    }

    /** The DR region serves nothing until a failover: its normal weight is 0 or not set. */
    static List<StrategyProblem> drServesNothing(String strategy, RecoveryLayout recovery) {
        Integer weight = recovery.region(recovery.drRegion()).map(RecoveryLayout.Region::normalWeight).orElse(null);
        if (weight == null || weight <= 0) {
            return List.of();
        }
        return List.of(new StrategyProblem(RecoveryLayout.path(recovery.drRegion(), "normalWeight"),
                "the DR region of " + strategy + " serves no traffic until a failover, got " + weight,
                "set it to 0 or leave it out, or use strategy multi-site"));
    }

    /** Both regions serve in normal operation: each has a normal weight above 0. */
    static List<StrategyProblem> bothRegionsServe(String strategy, RecoveryLayout recovery) {
        List<StrategyProblem> problems = new ArrayList<>();
        for (String region : List.of(recovery.primaryRegion(), recovery.drRegion())) {
            Optional<RecoveryLayout.Region> entry = recovery.region(region);
            Integer weight = entry.map(RecoveryLayout.Region::normalWeight).orElse(null);
            if (entry.isPresent() && (weight == null || weight <= 0)) {
                problems.add(new StrategyProblem(RecoveryLayout.path(region, "normalWeight"), strategy
                        + " needs the share of traffic this region serves normally, got " + weight,
                        "set normalWeight above 0 in both regions, e.g. 50 and 50 for an even split"));
            }
        }
        return problems;
    }
}
