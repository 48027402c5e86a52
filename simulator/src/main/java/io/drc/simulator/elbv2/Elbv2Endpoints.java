package io.drc.simulator.elbv2;

import io.drc.simulator.core.RegionState;
import io.drc.simulator.core.World;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;

/**
 * A load balancer as others see it by its DNS name: Route 53 answers an alias to it with its nodes' addresses,
 * and it serves (answers 2xx rather than 503) when one of its listeners forwards to a group with a healthy
 * target. Call with the world locked.
 */
public final class Elbv2Endpoints {
    /** What a DNS name that is a simulated load balancer's resolves to, and whether it serves. */
    public record Endpoint(List<String> addresses, boolean serving) { }

    private Elbv2Endpoints() {
    }

    /** The load balancer whose DNS name is {@code dnsName} (any region, trailing dot optional). */
    public static Optional<Endpoint> find(World world, String dnsName) {
        String name = dnsName.endsWith(".") ? dnsName.substring(0, dnsName.length() - 1) : dnsName;
        String[] labels = name.toLowerCase(java.util.Locale.ROOT).split("\\.");
        if (labels.length < 4 || !name.toLowerCase(java.util.Locale.ROOT).endsWith(".elb.amazonaws.com")) {
            return Optional.empty();
        }
        RegionState region = world.region(labels[labels.length - 4]);
        return Elbv2State.of(region).loadBalancers.values().stream()
                .filter(lb -> lb.dnsName.equalsIgnoreCase(name)).findFirst()
                .map(lb -> new Endpoint(addresses(lb), serving(region, lb)));
    }

    /** One address per zone, stable for the load balancer. */
    private static List<String> addresses(ElbLoadBalancer lb) {
        int seed = Math.floorMod(lb.arn.hashCode(), 200);
        return IntStream.range(0, lb.zones.size()).mapToObj(i -> "198.18." + seed + "." + (i + 1)).toList();
    }

    private static boolean serving(RegionState region, ElbLoadBalancer lb) {
        Elbv2State elb = Elbv2State.of(region);
        return lb.active() && lb.listeners.values().stream().flatMap(l -> l.forwardsTo.stream())
                .map(elb.targetGroups::get).filter(g -> g != null)
                .anyMatch(g -> g.targets.values().stream()
                        .anyMatch(t -> TargetHealthChecks.health(region, g, t).state().equals("healthy")));
    }
}
