package io.drc.controller.config.checks;

import io.drc.controller.DrcConfiguration;
import java.util.ArrayList;
import java.util.List;

/** Primary and DR regions: real, distinct, and both described under {@code recovery.regions}. */
final class RegionsCheck implements ConfigCheck {

    @Override
    public List<Problem> check(DrcConfiguration config) {
        List<Problem> problems = new ArrayList<>();
        checkName(problems, "primaryRegion", config.getPrimaryRegion());
        checkName(problems, "drRegion", config.getDrRegion());
        if (config.getPrimaryRegion() != null && config.getPrimaryRegion().equals(config.getDrRegion())) {
            problems.add(new Problem("drRegion", "must differ from primaryRegion (" + config.getPrimaryRegion() + ")",
                    "choose a second region to recover into"));
        }
        if (config.getRecovery() != null) {
            requireRecoveryEntry(problems, config, config.getPrimaryRegion());
            requireRecoveryEntry(problems, config, config.getDrRegion());
        }
        return problems;
    }

    private static void checkName(List<Problem> problems, String path, String region) {
        if (region != null && !region.isEmpty() && !AwsRegionNames.isKnown(region)) {
            problems.add(new Problem(path, "'" + region + "' is not an AWS region", AwsRegionNames.hint()));
        }
    }

    private static void requireRecoveryEntry(List<Problem> problems, DrcConfiguration config, String region) {
        if (region != null && !config.getRecovery().regions().containsKey(region)) {
            problems.add(new Problem("recovery.regions", "has no entry for region " + region,
                    "add 'recovery.regions." + region + "' describing its Auto Scaling groups, target groups, "
                            + "database and dnsSetIdentifier"));
        }
    }
}
