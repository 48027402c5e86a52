package io.drc.controller.config.checks;

import io.drc.controller.DrcConfiguration;
import io.drc.controller.config.RecoveryConfig;
import io.drc.strategies.strategy.RecoveryLayout;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** The configured strategy's own rules (e.g. which regions serve normally), run over the recovery configuration. */
final class StrategyCheck implements ConfigCheck {
    @Override
    public List<Problem> check(DrcConfiguration config) {
        if (config.getStrategy() == null || config.getRecovery() == null || config.getPrimaryRegion() == null
                || config.getDrRegion() == null) {
            return List.of();
        }
        return config.getStrategy().check(layout(config)).stream()
                .map(p -> new Problem(p.path(), p.message(), p.hint())).toList();
    }

    private static RecoveryLayout layout(DrcConfiguration config) {
        Map<String, RecoveryLayout.Region> regions = new LinkedHashMap<>();
        config.getRecovery().regions().forEach((name, region) -> {
            if (region != null) {
                regions.put(name, new RecoveryLayout.Region(region.normalWeight(), region.autoScalingGroups().stream()
                        .filter(Objects::nonNull).map(StrategyCheck::group).toList()));
            }
        });
        return new RecoveryLayout(config.getPrimaryRegion(), config.getDrRegion(), regions);
    }

    private static RecoveryLayout.Group group(RecoveryConfig.AutoScalingGroupConfig g) {
        return new RecoveryLayout.Group(g.name(), g.standby(), g.fullLoad(), g.max());
    }
}
