package io.drc.simulator.ec2;

import io.drc.simulator.core.AwsError;
import io.drc.simulator.core.RegionState;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.IntStream;
import software.amazon.awssdk.services.ec2.model.AvailabilityZone;
import software.amazon.awssdk.services.ec2.model.DescribeAvailabilityZonesRequest;
import software.amazon.awssdk.services.ec2.model.DescribeAvailabilityZonesResponse;
import software.amazon.awssdk.services.ec2.model.DescribeRegionsRequest;
import software.amazon.awssdk.services.ec2.model.DescribeRegionsResponse;
import software.amazon.awssdk.services.ec2.model.Region;

/**
 * DescribeRegions and DescribeAvailabilityZones: every region has zones a, b and c. A zone's id
 * ({@code use1-az1}) names the physical zone; AWS maps names to ids per account, the simulator maps a → az1.
 */
public final class RegionOperations {
    private static final Ec2Filters<AvailabilityZone> ZONE_FILTERS = Ec2Filters.untagged(
            Map.<String, Function<AvailabilityZone, Object>>of(
            "zone-name", AvailabilityZone::zoneName,
            "zone-id", AvailabilityZone::zoneId,
            "region-name", AvailabilityZone::regionName,
            "state", AvailabilityZone::stateAsString,
            "zone-type", AvailabilityZone::zoneType,
            "group-name", AvailabilityZone::groupName,
            "opt-in-status", AvailabilityZone::optInStatusAsString));

    public DescribeRegionsResponse describeRegions(DescribeRegionsRequest request, RegionState region) {
        List<Region> regions = List.of("us-east-1", "us-east-2", "us-west-1", "us-west-2", "eu-west-1", "eu-central-1")
                .stream()
                .map(n -> Region.builder().regionName(n).endpoint("ec2." + n + ".amazonaws.com")
                        .optInStatus("opt-in-not-required").build())
                .toList();
        return DescribeRegionsResponse.builder().regions(regions).build();
    }

    public DescribeAvailabilityZonesResponse describeAvailabilityZones(DescribeAvailabilityZonesRequest request,
                                                                       RegionState region) {
        List<AvailabilityZone> zones = IntStream.range(0, 3).mapToObj(i -> zone(region.name(), i)).toList();
        requireKnown(request.zoneNames(), zones.stream().map(AvailabilityZone::zoneName).toList());
        requireKnown(request.zoneIds(), zones.stream().map(AvailabilityZone::zoneId).toList());
        ZONE_FILTERS.requireKnown(request.filters());
        List<AvailabilityZone> selected = zones.stream()
                .filter(z -> request.zoneNames().isEmpty() || request.zoneNames().contains(z.zoneName()))
                .filter(z -> request.zoneIds().isEmpty() || request.zoneIds().contains(z.zoneId()))
                .filter(z -> ZONE_FILTERS.matches(z, request.filters()))
                .toList();
        return DescribeAvailabilityZonesResponse.builder().availabilityZones(selected).build();
    }

    private static AvailabilityZone zone(String region, int index) {
        return AvailabilityZone.builder().zoneName(region + "abc".charAt(index)).zoneId(zoneId(region, index))
                .regionName(region).state("available").zoneType("availability-zone").optInStatus("opt-in-not-required")
                .groupName(region + "-zg-1").networkBorderGroup(region).messages(List.of()).build();
    }

    /** {@code us-east-1}, zone 0 → {@code use1-az1}: the area, the direction's initials, the number. */
    static String zoneId(String region, int index) {
        String[] parts = region.split("-");
        StringBuilder id = new StringBuilder(parts[0]);
        for (int i = 1; i < parts.length - 1; i++) {
            id.append(directionInitials(parts[i]));
        }
        return id.append(parts[parts.length - 1]).append("-az").append(index + 1).toString();
    }

    private static String directionInitials(String direction) {
        return direction.replace("north", "n").replace("south", "s").replace("east", "e").replace("west", "w")
                .replace("central", "c");
    }

    private static void requireKnown(List<String> asked, List<String> known) {
        asked.stream().filter(name -> !known.contains(name)).findFirst().ifPresent(name -> {
            throw AwsError.badRequest("InvalidParameterValue", "Invalid availability zone: [" + name + "]");
        });
    }
}
