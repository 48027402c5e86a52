package io.drc.controller.engine;

import io.drc.controller.DrcConfiguration;
import io.drc.controller.config.RecoveryConfig;
import io.drc.strategies.serving.ServingTopology;
import java.util.ArrayList;
import java.util.List;

/** The application's production resources as guards see them, from {@code recovery}; pure. */
public final class ServingTopologies {
    private ServingTopologies() {
    }

    /** Primary first, then DR, then any other configured region. */
    public static ServingTopology of(DrcConfiguration config) {
        RecoveryConfig recovery = config.getRecovery();
        List<String> regions = new ArrayList<>(List.of(config.getPrimaryRegion(), config.getDrRegion()));
        recovery.regions().keySet().stream().filter(r -> !regions.contains(r)).forEach(regions::add);
        List<ServingTopology.Site> sites = new ArrayList<>();
        for (String region : regions) {
            RecoveryConfig.RegionRecoveryConfig r = recovery.regions().get(region);
            if (r != null) {
                sites.add(new ServingTopology.Site(region, r.dnsSetIdentifier(),
                        r.database() == null ? null : r.database().instanceId(),
                        r.autoScalingGroups().stream().map(RecoveryConfig.AutoScalingGroupConfig::name).toList()));
            }
        }
        return new ServingTopology(recovery.dns().hostedZoneId(), recovery.dns().recordName(), sites);
    }
}
