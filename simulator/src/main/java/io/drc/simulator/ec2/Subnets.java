package io.drc.simulator.ec2;

import io.drc.simulator.core.RegionState;
import java.util.List;
import java.util.stream.IntStream;

/**
 * The simulator models no VPCs or subnets: every region has one default VPC, and the n-th subnet a request
 * names (an Auto Scaling group's VPCZoneIdentifier, a load balancer's Subnets) lies in zone a, b, c, a, … of its
 * region, whatever its id.
 */
public final class Subnets {
    /** The VPC every simulated resource is in. */
    public static final String DEFAULT_VPC = "vpc-0d5c5a5e1dfa0e0c1";

    private Subnets() {
    }

    /** The zone of each subnet, in the order given. */
    public static List<String> zones(RegionState region, List<String> subnetIds) {
        return IntStream.range(0, subnetIds.size()).mapToObj(i -> region.name() + "abc".charAt(i % 3)).toList();
    }
}
