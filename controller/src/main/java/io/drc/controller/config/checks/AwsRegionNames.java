package io.drc.controller.config.checks;

import java.util.Set;
import java.util.stream.Collectors;
import software.amazon.awssdk.regions.Region;

/** Region names the AWS SDK knows; a typo here would otherwise surface only at the first API call. */
final class AwsRegionNames {
    private static final Set<String> KNOWN = Region.regions().stream()
            .filter(region -> !region.isGlobalRegion())
            .map(Region::id)
            .collect(Collectors.toUnmodifiableSet());

    private AwsRegionNames() {}

    static boolean isKnown(String name) {
        return KNOWN.contains(name);
    }

    static String hint() {
        return "use an AWS region name such as us-east-1 or eu-west-1";
    }
}
