package io.drc.controller.config.checks;

import io.drc.controller.DrcConfiguration;
import io.drc.controller.config.RecoveryConfig.RegionRecoveryConfig;
import io.drc.controller.engine.RecoveryInputs;
import java.util.ArrayList;
import java.util.List;

/**
 * Normal Route 53 weights ({@code recovery.regions.<region>.normalWeight}): in Route 53's range and not all zero
 * (Route 53 then splits traffic evenly — the failed region too). Which regions serve normally is the strategy's
 * rule ({@link StrategyCheck}).
 */
final class DnsWeightsCheck implements ConfigCheck {
    static final int MAX_WEIGHT = 255;

    @Override
    public List<Problem> check(DrcConfiguration config) {
        List<Problem> problems = new ArrayList<>();
        if (config.getRecovery() == null || config.getPrimaryRegion() == null || config.getDrRegion() == null) {
            return problems;
        }
        config.getRecovery().regions().forEach((region, recovery) -> checkRange(problems, region, recovery));
        if (problems.isEmpty() && RecoveryInputs.normalWeight(config, config.getPrimaryRegion()) == 0
                && RecoveryInputs.normalWeight(config, config.getDrRegion()) == 0) {
            problems.add(new Problem(path(config.getPrimaryRegion()), "every region's normal weight is 0",
                    "give the primary region a weight above 0: with all weights 0 Route 53 splits traffic evenly"));
        }
        return problems;
    }

    private static void checkRange(List<Problem> problems, String region, RegionRecoveryConfig recovery) {
        Integer weight = recovery == null ? null : recovery.normalWeight();
        if (weight != null && (weight < 0 || weight > MAX_WEIGHT)) {
            problems.add(new Problem(path(region), weight + " is outside Route 53's weights",
                    "use a whole number from 0 to " + MAX_WEIGHT));
        }
    }

    private static String path(String region) {
        return "recovery.regions." + region + ".normalWeight";
    }
}
