package io.drc.simulator.route53;

import io.drc.simulator.core.RegionState;
import io.drc.simulator.core.World;
import io.drc.simulator.elbv2.Elbv2Endpoints;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.route53.model.TestDnsAnswerRequest;
import software.amazon.awssdk.services.route53.model.TestDnsAnswerResponse;

/**
 * TestDNSAnswer: what Route 53's name servers (its data plane) answer now, from the zone's records and the
 * health of their health checks — no control-plane call moves traffic. Among weighted records Route 53 answers
 * the healthy ones with a non-zero weight in proportion to their weights; if none is healthy, the healthy ones
 * of weight zero; if none at all, it answers as if all were healthy. Failover answers the primary while it is
 * healthy, else the secondary. The proportion is kept deterministically (smooth weighted round robin: weights
 * 3:1 answer a a b a …), so repeated queries show the split a resolver population would see. An alias with
 * EvaluateTargetHealth is as healthy as its target (a simulated load balancer serves while it has a healthy
 * target) and answers with its target's addresses.
 */
public final class DnsAnswers {
    /** The answer for one name and type: the response code and the values. */
    private record Answer(String code, List<String> values) { }

    public TestDnsAnswerResponse testDNSAnswer(TestDnsAnswerRequest request, RegionState region) {
        World world = region.world();
        HostedZone zone = Route53State.of(world).zone(Route53Service.required(request.hostedZoneId(), "hostedzoneid"));
        String name = DnsNames.normalise(Route53Service.required(request.recordName(), "recordname"));
        String type = Route53Service.required(request.recordTypeAsString(), "recordtype");
        Answer answer = answer(world, zone, name, type, 0);
        String nameServer = zone.nameServers.get(0);
        return TestDnsAnswerResponse.builder().nameserver(nameServer.substring(0, nameServer.length() - 1))
                .recordName(request.recordName()).recordType(type).recordData(answer.values())
                .responseCode(answer.code()).protocol("UDP").build();
    }

    private static Answer answer(World world, HostedZone zone, String name, String type, int depth) {
        List<RecordSet> named = zone.records.values().stream().filter(r -> r.name().equals(name)).toList();
        if (named.isEmpty()) {
            return new Answer("NXDOMAIN", List.of());
        }
        List<RecordSet> group = named.stream().filter(r -> r.type().equals(type)).toList();
        if (group.isEmpty()) {
            group = named.stream().filter(r -> r.type().equals("CNAME")).toList();
        }
        if (group.isEmpty()) {
            return new Answer("NOERROR", List.of());
        }
        RecordSet chosen = choose(world, zone, group, depth);
        return new Answer("NOERROR", values(world, chosen, depth));
    }

    private static RecordSet choose(World world, HostedZone zone, List<RecordSet> group, int depth) {
        RecordSet first = group.get(0);
        if (first.weight() != null) {
            return weighted(world, zone, group, depth);
        }
        if (first.failover() != null) {
            Optional<RecordSet> primary = group.stream().filter(r -> "PRIMARY".equals(r.failover())).findFirst();
            Optional<RecordSet> secondary = group.stream().filter(r -> "SECONDARY".equals(r.failover())).findFirst();
            if (primary.isPresent() && (healthy(world, primary.get(), depth) || secondary.isEmpty()
                    || !healthy(world, secondary.get(), depth))) {
                return primary.get();
            }
            return secondary.orElse(first);
        }
        return group.stream().filter(r -> healthy(world, r, depth)).findFirst().orElse(first);
    }

    private static RecordSet weighted(World world, HostedZone zone, List<RecordSet> group, int depth) {
        List<RecordSet> healthy = group.stream().filter(r -> healthy(world, r, depth)).toList();
        List<RecordSet> candidates = healthy.stream().filter(r -> r.weight() > 0).toList();
        boolean equalShares = false;
        if (candidates.isEmpty() && !healthy.isEmpty()) {
            candidates = healthy;
            equalShares = true;
        } else if (candidates.isEmpty()) {
            candidates = group.stream().filter(r -> r.weight() > 0).toList();
            if (candidates.isEmpty()) {
                candidates = group;
                equalShares = true;
            }
        }
        // a new set of candidates (a record turned healthy or unhealthy) starts a new rotation
        Map<String, Long> current = Route53State.of(world).weightedChoice.computeIfAbsent(zone.id + "|"
                + group.get(0).name() + "|" + group.get(0).type() + "|" + equalShares + "|"
                + candidates.stream().map(RecordSet::setIdentifier).toList(), k -> new HashMap<>());
        long total = 0;
        for (RecordSet r : candidates) {
            long weight = equalShares ? 1 : r.weight();
            total += weight;
            current.merge(r.setIdentifier(), weight, Long::sum);
        }
        RecordSet pick = candidates.stream()
                .max(Comparator.comparingLong((RecordSet r) -> current.get(r.setIdentifier()))
                        .thenComparing(RecordSet::setIdentifier, Comparator.reverseOrder()))
                .orElseThrow();
        current.merge(pick.setIdentifier(), -total, Long::sum);
        return pick;
    }

    /** A record's health: its health check's, and with EvaluateTargetHealth its alias target's too. */
    private static boolean healthy(World world, RecordSet record, int depth) {
        if (!new HealthCheckStatuses(world).healthy(record.healthCheckId())) {
            return false;
        }
        RecordSet.Alias alias = record.alias();
        if (alias == null || !alias.evaluateTargetHealth() || depth > 4) {
            return true;
        }
        Optional<Elbv2Endpoints.Endpoint> lb = Elbv2Endpoints.find(world, alias.dnsName());
        if (lb.isPresent()) {
            return lb.get().serving();
        }
        return !aliasedValues(world, alias, record.type(), depth).isEmpty();
    }

    private static List<String> values(World world, RecordSet record, int depth) {
        if (record.alias() == null) {
            return record.values();
        }
        return aliasedValues(world, record.alias(), record.type(), depth);
    }

    /** What an alias target resolves to: a simulated load balancer's addresses or another zone's records. */
    private static List<String> aliasedValues(World world, RecordSet.Alias alias, String type, int depth) {
        Optional<Elbv2Endpoints.Endpoint> lb = Elbv2Endpoints.find(world, alias.dnsName());
        if (lb.isPresent()) {
            return lb.get().addresses();
        }
        if (depth > 4) {
            return List.of();
        }
        List<String> values = new ArrayList<>();
        for (HostedZone zone : Route53State.of(world).zones.values()) {
            if (DnsNames.isWithin(alias.dnsName(), zone.name)) {
                Answer answer = answer(world, zone, alias.dnsName(), type, depth + 1);
                values.addAll(answer.values());
                break;
            }
        }
        return values;
    }
}
