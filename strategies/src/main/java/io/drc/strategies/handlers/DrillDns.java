package io.drc.strategies.handlers;

import io.drc.strategies.serving.WeightedRecords;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import software.amazon.awssdk.services.route53.Route53Client;
import software.amazon.awssdk.services.route53.model.ResourceRecordSet;

/**
 * A drill's DNS record: {@code recordName}, an alias A record in {@code hostedZoneId} to the drill's load balancer
 * (named {@code loadBalancer}, {@code drc-drill-<short id>-…}). Route 53 records carry no tags, so a record is this
 * drill's by its value: an alias whose target is that load balancer's DNS name ({@code [internal-]<name>-<n>.<region>
 * .elb.amazonaws.com}, which starts with the name AWS gave it). Anything else under the name is never touched.
 */
public record DrillDns(String hostedZoneId, String recordName) {

    /** Every record set named {@code recordName} in the zone, whatever its type. Read-only. */
    List<ResourceRecordSet> records(Route53Client route53) {
        String wanted = name();
        return route53.listResourceRecordSetsPaginator(r -> r.hostedZoneId(hostedZoneId).startRecordName(wanted))
                .resourceRecordSets().stream()
                .takeWhile(s -> normalise(s.name()).equals(wanted)) // listed by name: stop paging past it
                .toList();
    }

    /** The record set under the name whose value is the drill load balancer {@code loadBalancer}'s, if any. */
    Optional<ResourceRecordSet> ours(Route53Client route53, String loadBalancer) {
        return records(route53).stream().filter(s -> isOurs(s, loadBalancer)).findFirst();
    }

    static boolean isOurs(ResourceRecordSet record, String loadBalancer) {
        if (record.aliasTarget() == null || record.setIdentifier() != null) {
            return false;
        }
        String target = record.aliasTarget().dnsName().toLowerCase(Locale.ROOT);
        target = target.startsWith("dualstack.") ? target.substring("dualstack.".length()) : target;
        target = target.startsWith("internal-") ? target.substring("internal-".length()) : target;
        return target.startsWith(loadBalancer.toLowerCase(Locale.ROOT) + "-") && target.contains(".elb.amazonaws.com");
    }

    /** Fully qualified and lower case, as Route 53 lists names. */
    String name() {
        return normalise(recordName);
    }

    static String normalise(String name) {
        return WeightedRecords.normalise(name).toLowerCase(Locale.ROOT);
    }

    String describe() {
        return "Route 53 record " + name() + " (zone " + hostedZoneId + ")";
    }
}
