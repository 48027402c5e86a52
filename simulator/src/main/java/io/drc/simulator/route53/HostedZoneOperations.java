package io.drc.simulator.route53;

import io.drc.simulator.core.AwsError;
import io.drc.simulator.core.RegionState;
import io.drc.simulator.core.World;
import java.util.Comparator;
import java.util.List;
import software.amazon.awssdk.services.route53.model.CreateHostedZoneRequest;
import software.amazon.awssdk.services.route53.model.CreateHostedZoneResponse;
import software.amazon.awssdk.services.route53.model.DelegationSet;
import software.amazon.awssdk.services.route53.model.DeleteHostedZoneRequest;
import software.amazon.awssdk.services.route53.model.DeleteHostedZoneResponse;
import software.amazon.awssdk.services.route53.model.GetHostedZoneRequest;
import software.amazon.awssdk.services.route53.model.GetHostedZoneResponse;
import software.amazon.awssdk.services.route53.model.HostedZoneConfig;
import software.amazon.awssdk.services.route53.model.ListHostedZonesByNameRequest;
import software.amazon.awssdk.services.route53.model.ListHostedZonesByNameResponse;
import software.amazon.awssdk.services.route53.model.ListHostedZonesRequest;
import software.amazon.awssdk.services.route53.model.ListHostedZonesResponse;

/** Route 53 hosted zones: create (idempotent on CallerReference), get, delete (when empty) and the two listings. */
public final class HostedZoneOperations {
    private static final int MAX_ZONES = 100;

    public CreateHostedZoneResponse createHostedZone(CreateHostedZoneRequest request, RegionState region) {
        World world = region.world();
        Route53State state = Route53State.of(world);
        String name = DnsNames.normalise(Route53Service.required(request.name(), "name"));
        String reference = Route53Service.required(request.callerReference(), "callerReference");
        if (state.zoneIdByCallerReference.containsKey(reference)) {
            throw new AwsError(409, "HostedZoneAlreadyExists",
                    "A hosted zone has already been created with the specified caller reference.");
        }
        HostedZoneConfig config = request.hostedZoneConfig();
        String id = world.ids().nextUpper("Z");
        int shard = state.zones.size() % 64;
        List<String> nameServers = List.of("ns-" + (shard + 1) + ".awsdns-" + shard + ".com.",
                "ns-" + (shard + 513) + ".awsdns-" + shard + ".net.", "ns-" + (shard + 1025) + ".awsdns-" + shard + ".org.",
                "ns-" + (shard + 1537) + ".awsdns-" + shard + ".co.uk.");
        HostedZone zone = new HostedZone(id, name, reference, config == null ? null : config.comment(),
                request.vpc() != null || (config != null && Boolean.TRUE.equals(config.privateZone())), world.now(), nameServers);
        zone.put(RecordSet.of(name, "SOA", 900, List.of(nameServers.get(0) + " awsdns-hostmaster.amazon.com. 1 7200 900 1209600 86400")));
        zone.put(RecordSet.of(name, "NS", 172800, nameServers));
        state.zones.put(id, zone);
        state.zoneIdByCallerReference.put(reference, id);
        return CreateHostedZoneResponse.builder().hostedZone(toSdk(zone))
                .changeInfo(Route53Service.changeInfo(state.submit(world, null)))
                .delegationSet(delegationSet(zone)).vpc(request.vpc())
                .location("https://route53.amazonaws.com/2013-04-01/hostedzone/" + id).build();
    }

    public GetHostedZoneResponse getHostedZone(GetHostedZoneRequest request, RegionState region) {
        HostedZone zone = Route53State.of(region.world()).zone(Route53Service.required(request.id(), "id"));
        return GetHostedZoneResponse.builder().hostedZone(toSdk(zone)).delegationSet(delegationSet(zone)).build();
    }

    /** Only a zone holding nothing but its apex SOA and NS records can be deleted. */
    public DeleteHostedZoneResponse deleteHostedZone(DeleteHostedZoneRequest request, RegionState region) {
        World world = region.world();
        Route53State state = Route53State.of(world);
        HostedZone zone = state.zone(Route53Service.required(request.id(), "id"));
        boolean onlyApex = zone.records.values().stream().allMatch(r -> r.name().equals(zone.name)
                && (r.type().equals("SOA") || r.type().equals("NS")) && r.setIdentifier() == null);
        if (!onlyApex) {
            throw AwsError.badRequest("HostedZoneNotEmpty", "The specified hosted zone contains non-required resource "
                    + "record sets and so cannot be deleted.");
        }
        state.zones.remove(zone.id);
        return DeleteHostedZoneResponse.builder()
                .changeInfo(Route53Service.changeInfo(state.submit(world, null))).build();
    }

    public ListHostedZonesResponse listHostedZones(ListHostedZonesRequest request, RegionState region) {
        List<HostedZone> all = List.copyOf(Route53State.of(region.world()).zones.values());
        int max = Route53Service.maxItems(request.maxItems(), MAX_ZONES);
        int from = 0;
        if (request.marker() != null) {
            String marker = DnsNames.bareId(request.marker(), "hostedzone");
            from = indexOf(all, marker);
        }
        int to = Math.min(all.size(), from + max);
        return ListHostedZonesResponse.builder().hostedZones(all.subList(from, to).stream().map(HostedZoneOperations::toSdk).toList())
                .marker(request.marker()).isTruncated(to < all.size()).nextMarker(to < all.size() ? all.get(to).id : null)
                .maxItems(String.valueOf(max)).build();
    }

    public ListHostedZonesByNameResponse listHostedZonesByName(ListHostedZonesByNameRequest request, RegionState region) {
        List<HostedZone> all = Route53State.of(region.world()).zones.values().stream()
                .sorted(Comparator.comparing((HostedZone z) -> DnsNames.sortKey(z.name)).thenComparing(z -> z.id)).toList();
        int max = Route53Service.maxItems(request.maxItems(), MAX_ZONES);
        int from = 0;
        if (request.dnsName() != null) {
            String startKey = DnsNames.sortKey(request.dnsName());
            String startId = request.hostedZoneId() == null ? "" : DnsNames.bareId(request.hostedZoneId(), "hostedzone");
            while (from < all.size() && (DnsNames.sortKey(all.get(from).name).compareTo(startKey) < 0
                    || DnsNames.sortKey(all.get(from).name).equals(startKey) && all.get(from).id.compareTo(startId) < 0)) {
                from++;
            }
        } else if (request.hostedZoneId() != null) {
            throw AwsError.badRequest("InvalidInput", "If you specify HostedZoneId, you must also specify DNSName.");
        }
        int to = Math.min(all.size(), from + max);
        boolean truncated = to < all.size();
        return ListHostedZonesByNameResponse.builder()
                .hostedZones(all.subList(from, to).stream().map(HostedZoneOperations::toSdk).toList())
                .dnsName(request.dnsName()).hostedZoneId(request.hostedZoneId()).isTruncated(truncated)
                .nextDNSName(truncated ? all.get(to).name : null).nextHostedZoneId(truncated ? all.get(to).id : null)
                .maxItems(String.valueOf(max)).build();
    }

    private static int indexOf(List<HostedZone> zones, String id) {
        for (int i = 0; i < zones.size(); i++) {
            if (zones.get(i).id.equals(id)) {
                return i;
            }
        }
        throw AwsError.badRequest("InvalidInput", "Invalid marker: " + id);
    }

    static software.amazon.awssdk.services.route53.model.HostedZone toSdk(HostedZone zone) {
        return software.amazon.awssdk.services.route53.model.HostedZone.builder()
                .id("/hostedzone/" + zone.id).name(zone.name).callerReference(zone.callerReference)
                .config(HostedZoneConfig.builder().comment(zone.comment).privateZone(zone.privateZone).build())
                .resourceRecordSetCount((long) zone.records.size()).build();
    }

    private static DelegationSet delegationSet(HostedZone zone) {
        return DelegationSet.builder().nameServers(zone.nameServers).build();
    }
}
