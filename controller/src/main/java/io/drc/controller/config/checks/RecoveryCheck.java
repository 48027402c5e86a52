package io.drc.controller.config.checks;

import io.drc.controller.DrcConfiguration;
import io.drc.controller.config.RecoveryConfig.AutoScalingGroupConfig;
import io.drc.controller.config.RecoveryConfig.RegionRecoveryConfig;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Recovery regions: real names, distinct DNS set identifiers, and capacities AWS will accept. */
final class RecoveryCheck implements ConfigCheck {

    @Override
    public List<Problem> check(DrcConfiguration config) {
        List<Problem> problems = new ArrayList<>();
        if (config.getRecovery() == null) {
            return problems;
        }
        Map<String, String> regionBySetIdentifier = new HashMap<>();
        config.getRecovery().regions().forEach((region, recovery) -> {
            String path = "recovery.regions." + region;
            if (!AwsRegionNames.isKnown(region)) {
                problems.add(new Problem(path, "'" + region + "' is not an AWS region", AwsRegionNames.hint()));
            }
            if (recovery != null) {
                checkSetIdentifier(problems, path, region, recovery, regionBySetIdentifier);
                checkGroups(problems, path, recovery);
            }
        });
        return problems;
    }

    private static void checkSetIdentifier(List<Problem> problems, String path, String region,
            RegionRecoveryConfig recovery, Map<String, String> regionBySetIdentifier) {
        String id = recovery.dnsSetIdentifier();
        if (id == null) {
            return;
        }
        String other = regionBySetIdentifier.putIfAbsent(id, region);
        if (other != null) {
            problems.add(new Problem(path + ".dnsSetIdentifier", "'" + id + "' is also used by " + other,
                    "give each region the set identifier of its own weighted record"));
        }
    }

    private static void checkGroups(List<Problem> problems, String path, RegionRecoveryConfig recovery) {
        for (int i = 0; i < recovery.autoScalingGroups().size(); i++) {
            AutoScalingGroupConfig group = recovery.autoScalingGroups().get(i);
            if (group == null || group.standby() == null || group.fullLoad() == null || group.max() == null) {
                continue;
            }
            if (group.standby() > group.fullLoad() || group.fullLoad() > group.max()) {
                problems.add(new Problem(path + ".autoScalingGroups[" + i + "]",
                        "needs standby <= fullLoad <= max, got " + group.standby() + ", " + group.fullLoad()
                                + ", " + group.max(),
                        "Auto Scaling rejects a desired capacity above max; adjust the three numbers"));
            }
        }
    }
}
