package io.drc.simulator.ec2;

import io.drc.simulator.core.AwsError;
import io.drc.simulator.core.AwsService;
import io.drc.simulator.core.RegionState;
import io.drc.simulator.protocol.Protocol;
import io.drc.simulator.protocol.QueryProtocol;
import java.util.List;
import software.amazon.awssdk.services.ec2.model.AvailabilityZone;
import software.amazon.awssdk.services.ec2.model.DescribeAvailabilityZonesRequest;
import software.amazon.awssdk.services.ec2.model.DescribeAvailabilityZonesResponse;
import software.amazon.awssdk.services.ec2.model.DescribeRegionsRequest;
import software.amazon.awssdk.services.ec2.model.DescribeRegionsResponse;
import software.amazon.awssdk.services.ec2.model.Region;

/** EC2: instances, volumes, images, snapshots, launch templates and tags. */
public final class Ec2Service extends AwsService {
    private static final Protocol PROTOCOL = QueryProtocol.ec2();

    @Override
    public String signingName() {
        return "ec2";
    }

    @Override
    public Protocol protocol() {
        return PROTOCOL;
    }

    @Override
    public AwsError throttlingError() {
        return new AwsError(503, "RequestLimitExceeded", "Request limit exceeded.");
    }

    @Override
    public AwsError serverError() {
        return new AwsError(500, "InternalError", "An internal error has occurred.");
    }

    @Override
    public boolean claims(io.drc.simulator.protocol.WireRequest request) {
        return "2016-11-15".equals(request.params().get("Version"));
    }

    public DescribeRegionsResponse describeRegions(DescribeRegionsRequest request, RegionState region) {
        List<Region> regions = List.of("us-east-1", "us-east-2", "us-west-1", "us-west-2", "eu-west-1", "eu-central-1")
                .stream()
                .map(n -> Region.builder().regionName(n).endpoint("ec2." + n + ".amazonaws.com").optInStatus("opt-in-not-required").build())
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
