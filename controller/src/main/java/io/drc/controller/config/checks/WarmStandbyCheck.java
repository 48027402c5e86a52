package io.drc.controller.config.checks;

import io.drc.controller.DrcConfiguration;
import io.drc.controller.config.RecoveryConfig.RegionRecoveryConfig;
import io.drc.controller.config.WarmStandbyStrategy;
import java.util.List;

/**
 * A warm standby is a scaled-down copy of the application that keeps running in the DR region. With every DR
 * group at standby 0 it is a pilot light, and status and RTO figures would claim a readiness that is not there.
 */
final class WarmStandbyCheck implements ConfigCheck {
    @Override
    public List<Problem> check(DrcConfiguration config) {
        if (!(config.getStrategy() instanceof WarmStandbyStrategy) || config.getRecovery() == null
                || config.getDrRegion() == null) {
            return List.of();
        }
        RegionRecoveryConfig dr = config.getRecovery().regions().get(config.getDrRegion());
        if (dr == null || dr.autoScalingGroups() == null || dr.autoScalingGroups().isEmpty()
                || dr.autoScalingGroups().stream().anyMatch(g -> g.standby() != null && g.standby() > 0)) {
            return List.of();
        }
        return List.of(new Problem("recovery.regions." + config.getDrRegion() + ".autoScalingGroups",
                "warm-standby keeps a scaled-down copy running in the DR region, but every group's standby is 0",
                "set standby to at least 1 on the DR groups, or use strategy pilot-light for a DR web tier at 0"));
    }
}
