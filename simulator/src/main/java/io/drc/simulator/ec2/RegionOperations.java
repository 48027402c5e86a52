package io.drc.simulator.ec2;

import io.drc.simulator.core.RegionState;
import java.util.List;
import software.amazon.awssdk.services.ec2.model.AvailabilityZone;
import software.amazon.awssdk.services.ec2.model.DescribeAvailabilityZonesRequest;
import software.amazon.awssdk.services.ec2.model.DescribeAvailabilityZonesResponse;
import software.amazon.awssdk.services.ec2.model.DescribeRegionsRequest;
import software.amazon.awssdk.services.ec2.model.DescribeRegionsResponse;
import software.amazon.awssdk.services.ec2.model.Region;

/** DescribeRegions and DescribeAvailabilityZones: every region has zones a, b and c. */
public final class RegionOperations {

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
        List<AvailabilityZone> zones = List.of("a", "b", "c").stream()
                .map(s -> AvailabilityZone.builder().zoneName(region.name() + s).regionName(region.name())
                        .state("available").zoneType("availability-zone").build())
                .toList();
        return DescribeAvailabilityZonesResponse.builder().availabilityZones(zones).build();
    }
}
