package io.drc.simulator.elbv2;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A load balancer: {@code provisioning} until {@code elbv2.loadbalancer.active} has passed, then {@code active};
 * its listeners by ARN. Its zones are those of its subnets; targets in other zones receive no traffic.
 */
final class ElbLoadBalancer {
    /** A subnet the load balancer has a node in, and that subnet's zone. */
    record Zone(String zoneName, String subnetId) { }

    final String arn;
    final String name;
    final String type;
    final String scheme;
    final String ipAddressType;
    final String vpcId;
    final String dnsName;
    final List<Zone> zones;
    final List<String> securityGroups;
    final Instant createdAt;
    final Map<String, String> tags = new LinkedHashMap<>();
    final Map<String, ElbListener> listeners = new LinkedHashMap<>();
    String state = "provisioning";

    ElbLoadBalancer(String arn, String name, String type, String scheme, String ipAddressType, String vpcId,
                    String dnsName, List<Zone> zones, List<String> securityGroups, Instant createdAt) {
        this.arn = arn;
        this.name = name;
        this.type = type;
        this.scheme = scheme;
        this.ipAddressType = ipAddressType;
        this.vpcId = vpcId;
        this.dnsName = dnsName;
        this.zones = List.copyOf(zones);
        this.securityGroups = List.copyOf(securityGroups);
        this.createdAt = createdAt;
    }

    boolean active() {
        return state.equals("active");
    }

    boolean forwardsTo(String targetGroupArn) {
        return listeners.values().stream().anyMatch(l -> l.forwardsTo.contains(targetGroupArn));
    }

    boolean servesZone(String zoneName) {
        return zones.stream().anyMatch(z -> z.zoneName().equals(zoneName));
    }
}
