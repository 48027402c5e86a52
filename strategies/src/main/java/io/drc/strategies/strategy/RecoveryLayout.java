package io.drc.strategies.strategy;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The recovery configuration as a strategy's checks see it: plain data that the daemon builds from its
 * {@code primaryRegion}, {@code drRegion} (both set) and {@code recovery.regions}. Values are as configured, so
 * null where the configuration leaves a field out; a region without an entry is absent from {@code regions}.
 */
public record RecoveryLayout(String primaryRegion, String drRegion, Map<String, Region> regions) {

    public RecoveryLayout {
        Objects.requireNonNull(primaryRegion, "primaryRegion");
        Objects.requireNonNull(drRegion, "drRegion");
        regions = regions == null ? Map.of() : regions;
    }

    /**
     * One region's serving resources.
     *
     * @param normalWeight the Route 53 weight of its record in normal operation, null when not configured
     */
    public record Region(Integer normalWeight, List<Group> autoScalingGroups) {
        public Region {
            autoScalingGroups = autoScalingGroups == null ? List.of() : autoScalingGroups;
        }
    }

    /** One Auto Scaling group's sizes: idle in standby, serving at full load. */
    public record Group(String name, Integer standby, Integer fullLoad, Integer max) { }

    public Optional<Region> region(String name) {
        return Optional.ofNullable(regions.get(name));
    }

    /** Where a field of a region's entry is in the YAML: {@code recovery.regions.<region>.<field>}. */
    public static String path(String region, String field) {
        return "recovery.regions." + region + "." + field;
    }
}
