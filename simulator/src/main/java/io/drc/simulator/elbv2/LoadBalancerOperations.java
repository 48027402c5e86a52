package io.drc.simulator.elbv2;

import io.drc.simulator.core.AwsError;
import io.drc.simulator.core.Pages;
import io.drc.simulator.core.RegionState;
import io.drc.simulator.ec2.Subnets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.AvailabilityZone;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.CreateLoadBalancerRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.CreateLoadBalancerResponse;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DeleteLoadBalancerRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DeleteLoadBalancerResponse;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DescribeLoadBalancersRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DescribeLoadBalancersResponse;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancer;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancerState;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.SubnetMapping;

/**
 * CreateLoadBalancer (idempotent for the same name and settings; {@code provisioning} until
 * {@code elbv2.loadbalancer.active}), DescribeLoadBalancers (Names or LoadBalancerArns, Marker/PageSize) and
 * DeleteLoadBalancer (its listeners go with it; an unknown load balancer is no error, as AWS documents).
 * Subnets are not modelled: the n-th subnet lies in zone a, b, c… ({@link Subnets}).
 */
public final class LoadBalancerOperations {
    private static final Pattern NAME = Pattern.compile("[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,30}[a-zA-Z0-9])?");
    /** The default VPC's default security group, which an Application Load Balancer gets unless told otherwise. */
    private static final String DEFAULT_SECURITY_GROUP = "sg-0c1d2e3f4a5b60789";
    private static final Set<String> TYPES = Set.of("application", "network", "gateway");
    /** Route 53 hosted zones of the load balancers' DNS names (AWS's published values), per type. */
    private static final Map<String, String> ALB_ZONES = Map.of("us-east-1", "Z35SXDOTRQ7X7K",
            "us-east-2", "Z3AADJGX6KTTL2", "us-west-1", "Z368ELLRRE2KJ0", "us-west-2", "Z1H1FL5HABSF5",
            "eu-west-1", "Z32O12XQLNTSW2", "eu-central-1", "Z215JYRZR1TBD5");
    private static final Map<String, String> NLB_ZONES = Map.of("us-east-1", "Z26RNL4JYFTOTI",
            "us-east-2", "ZLMOA37VPKANP", "us-west-1", "Z24FKFUX50B4VW", "us-west-2", "Z18D5FSROUN65G",
            "eu-west-1", "Z2IFOLAFXWLO4F", "eu-central-1", "Z3F0SRJ5LGBH90");

    public CreateLoadBalancerResponse createLoadBalancer(CreateLoadBalancerRequest request, RegionState region) {
        String name = request.name();
        if (name == null || !NAME.matcher(name).matches() || name.startsWith("internal-")) {
            throw AwsError.badRequest("ValidationError", "Load balancer name '" + name + "' can have a maximum of 32 "
                    + "characters, can contain only alphanumeric characters or hyphens, must not begin or end with a "
                    + "hyphen, and must not begin with \"internal-\"");
        }
        String type = request.typeAsString() != null ? request.typeAsString() : "application";
        if (!TYPES.contains(type)) {
            throw AwsError.badRequest("ValidationError", "1 validation error detected: Value '" + type
                    + "' at 'type' failed to satisfy constraint: Member must satisfy enum value set: " + TYPES);
        }
        List<String> subnets = subnets(request, type);
        Elbv2State elb = Elbv2State.of(region);
        ElbLoadBalancer existing = elb.loadBalancers.values().stream().filter(lb -> lb.name.equals(name)).findFirst()
                .orElse(null);
        String scheme = request.schemeAsString() != null ? request.schemeAsString() : "internet-facing";
        String ipAddressType = request.ipAddressTypeAsString() != null ? request.ipAddressTypeAsString() : "ipv4";
        if (existing != null) {
            if (!existing.type.equals(type) || !existing.scheme.equals(scheme)
                    || !existing.zones.stream().map(ElbLoadBalancer.Zone::subnetId).toList().equals(subnets)) {
                throw AwsError.badRequest("DuplicateLoadBalancerName",
                        "A load balancer with the same name '" + name + "' exists, but with different settings");
            }
            return CreateLoadBalancerResponse.builder().loadBalancers(view(existing, region)).build();
        }
        String suffix = region.world().ids().next("elb");
        String id = suffix.substring(suffix.length() - 16);
        String arn = region.arn("elasticloadbalancing", "loadbalancer/" + kind(type) + "/" + name + "/" + id);
        String dnsName = (scheme.equals("internal") ? "internal-" : "") + name + "-"
                + (Math.floorMod(arn.hashCode(), 9_000_000_000L) + 1_000_000_000L) + "." + region.name()
                + ".elb.amazonaws.com";
        List<String> zoneNames = Subnets.zones(region, subnets);
        List<ElbLoadBalancer.Zone> zones = new ArrayList<>();
        for (int i = 0; i < subnets.size(); i++) {
            zones.add(new ElbLoadBalancer.Zone(zoneNames.get(i), subnets.get(i)));
        }
        List<String> securityGroups = !type.equals("application") ? List.of()
                : request.securityGroups().isEmpty() ? List.of(DEFAULT_SECURITY_GROUP) : request.securityGroups();
        ElbLoadBalancer lb = new ElbLoadBalancer(arn, name, type, scheme, ipAddressType, Subnets.DEFAULT_VPC, dnsName,
                zones, securityGroups, region.world().now());
        request.tags().forEach(t -> lb.tags.put(t.key(), t.value()));
        elb.loadBalancers.put(arn, lb);
        region.world().after("elbv2.loadbalancer.active", () -> {
            if (elb.loadBalancers.get(arn) == lb) {
                lb.state = "active";
                TargetHealthChecks.refresh(region);
            }
        });
        return CreateLoadBalancerResponse.builder().loadBalancers(view(lb, region)).build();
    }

    /** Subnets or SubnetMappings, not both; an Application Load Balancer needs two zones at least. */
    private static List<String> subnets(CreateLoadBalancerRequest request, String type) {
        boolean mapped = !request.subnetMappings().isEmpty();
        if (mapped == !request.subnets().isEmpty()) {
            throw AwsError.badRequest("ValidationError", mapped
                    ? "You can specify subnets or subnet mappings, but not both"
                    : "At least one subnet or subnet mapping must be specified");
        }
        List<String> subnets = mapped ? request.subnetMappings().stream().map(SubnetMapping::subnetId).toList()
                : List.copyOf(request.subnets());
        subnets.stream().filter(s -> s == null || !s.startsWith("subnet-")).findFirst().ifPresent(bad -> {
            throw AwsError.badRequest("SubnetNotFound", "The subnet ID '" + bad + "' is not valid");
        });
        if (type.equals("application") && subnets.size() < 2) {
            throw AwsError.badRequest("InvalidConfigurationRequest",
                    "At least two subnets in two different Availability Zones must be specified");
        }
        return subnets;
    }

    private static String kind(String type) {
        return switch (type) {
            case "network" -> "net";
            case "gateway" -> "gwy";
            default -> "app";
        };
    }

    public DescribeLoadBalancersResponse describeLoadBalancers(DescribeLoadBalancersRequest request,
                                                               RegionState region) {
        Elbv2State elb = Elbv2State.of(region);
        List<ElbLoadBalancer> selected = elb.loadBalancers.values().stream()
                .filter(lb -> request.names().isEmpty() || request.names().contains(lb.name))
                .filter(lb -> request.loadBalancerArns().isEmpty() || request.loadBalancerArns().contains(lb.arn))
                .toList();
        int asked = request.names().size() + request.loadBalancerArns().size();
        if (asked > 0 && selected.size() < asked) {
            throw Elbv2State.loadBalancerNotFound();
        }
        Pages.Page<ElbLoadBalancer> page = Pages.page(selected, request.marker(),
                TargetGroupOperations.pageSize(request.pageSize()), 400, "ValidationError");
        return DescribeLoadBalancersResponse.builder().nextMarker(page.nextToken())
                .loadBalancers(page.items().stream().map(lb -> view(lb, region)).toList()).build();
    }

    public DeleteLoadBalancerResponse deleteLoadBalancer(DeleteLoadBalancerRequest request, RegionState region) {
        if (request.loadBalancerArn() == null) {
            throw AwsError.badRequest("ValidationError", "A load balancer ARN must be specified");
        }
        if (Elbv2State.of(region).loadBalancers.remove(request.loadBalancerArn()) != null) {
            TargetHealthChecks.refresh(region);
        }
        return DeleteLoadBalancerResponse.builder().build();
    }

    private static LoadBalancer view(ElbLoadBalancer lb, RegionState region) {
        Map<String, String> zones = lb.type.equals("network") ? NLB_ZONES : ALB_ZONES;
        return LoadBalancer.builder().loadBalancerArn(lb.arn).loadBalancerName(lb.name).type(lb.type)
                .scheme(lb.scheme).vpcId(lb.vpcId).ipAddressType(lb.ipAddressType).dnsName(lb.dnsName)
                .canonicalHostedZoneId(zones.getOrDefault(region.name(), zones.get("us-east-1")))
                .createdTime(lb.createdAt).state(LoadBalancerState.builder().code(lb.state).build())
                .availabilityZones(lb.zones.stream().map(z -> AvailabilityZone.builder().zoneName(z.zoneName())
                        .subnetId(z.subnetId()).loadBalancerAddresses(List.of()).build()).toList())
                .securityGroups(lb.type.equals("application") ? lb.securityGroups : null)
                .build();
    }
}
