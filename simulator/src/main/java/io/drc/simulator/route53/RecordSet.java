package io.drc.simulator.route53;

import io.drc.simulator.core.AwsError;
import java.util.Comparator;
import java.util.List;
import software.amazon.awssdk.services.route53.model.AliasTarget;
import software.amazon.awssdk.services.route53.model.ResourceRecord;
import software.amazon.awssdk.services.route53.model.ResourceRecordSet;

/**
 * A resource record set as the simulator keeps it. {@code name, type, setIdentifier} identify it; DELETE must
 * repeat every other field exactly.
 */
record RecordSet(String name, String type, String setIdentifier, Long weight, String failover, String region,
                 Long ttl, List<String> values, Alias alias, String healthCheckId) implements java.io.Serializable {

    /** An alias target; Route 53 answers with the target's records instead of values of its own. */
    record Alias(String hostedZoneId, String dnsName, boolean evaluateTargetHealth) implements java.io.Serializable { }

    /** Identity of a record set within its zone. */
    record Key(String name, String type, String setIdentifier) implements java.io.Serializable { }

    /** AWS's ListResourceRecordSets order: name with labels reversed, then type, then set identifier. */
    static final Comparator<Key> ORDER = new KeyOrder();

    /** A named class, not a lambda: the zones' sorted maps are saved with the world and keep their order. */
    private static final class KeyOrder implements Comparator<Key>, java.io.Serializable {
        private static final Comparator<Key> BY = Comparator.comparing((Key k) -> DnsNames.sortKey(k.name()))
                .thenComparing(Key::type)
                .thenComparing(k -> k.setIdentifier() == null ? "" : k.setIdentifier());

        @Override
        public int compare(Key a, Key b) {
            return BY.compare(a, b);
        }
    }

    Key key() {
        return new Key(name, type, setIdentifier);
    }

    static RecordSet of(String name, String type, long ttl, List<String> values) {
        return new RecordSet(name, type, null, null, null, null, ttl, values, null, null);
    }

    static RecordSet fromSdk(ResourceRecordSet rs, String action) {
        if (rs == null || rs.name() == null || rs.typeAsString() == null) {
            throw AwsError.badRequest("InvalidInput", "Invalid request: ResourceRecordSet with Name and Type is required in "
                    + "Change with [Action=" + action + "]");
        }
        Alias alias = rs.aliasTarget() == null ? null : new Alias(rs.aliasTarget().hostedZoneId(),
                DnsNames.normalise(rs.aliasTarget().dnsName()), Boolean.TRUE.equals(rs.aliasTarget().evaluateTargetHealth()));
        List<String> values = rs.resourceRecords().stream().map(ResourceRecord::value).toList();
        RecordSet parsed = new RecordSet(DnsNames.normalise(rs.name()), rs.typeAsString(), rs.setIdentifier(), rs.weight(),
                rs.failoverAsString(), rs.regionAsString(), rs.ttl(), values, alias, rs.healthCheckId());
        parsed.validate(action);
        return parsed;
    }

    private void validate(String action) {
        boolean routed = weight != null || failover != null || region != null;
        if ((setIdentifier != null) != routed) {
            throw invalid(action, setIdentifier == null
                    ? "A SetIdentifier is required with Weight, Failover or Region"
                    : "Expected exactly one of [Weight, Region, Failover, GeoLocation, MultiValueAnswer, "
                    + "GeoProximityLocation, or CidrRoutingConfig], but found none");
        }
        if (alias == null && (ttl == null || values.isEmpty())) {
            throw invalid(action, "Expected exactly one of [AliasTarget, all of [TTL, and ResourceRecords], or "
                    + "TrafficPolicyInstanceId], but found none");
        }
        if (alias != null && (ttl != null || !values.isEmpty())) {
            throw invalid(action, "Expected exactly one of [AliasTarget, all of [TTL, and ResourceRecords], or "
                    + "TrafficPolicyInstanceId], but found more than one");
        }
        if (weight != null && (weight < 0 || weight > 255)) {
            throw invalid(action, "Weight must be between 0 and 255");
        }
    }

    private AwsError invalid(String action, String problem) {
        return AwsError.badRequest("InvalidInput", "Invalid request: " + problem + " in Change with [Action=" + action
                + ", Name=" + name + ", Type=" + type + ", SetIdentifier=" + setIdentifier + "]");
    }

    /** Equal in every field, the values compared as a set (the order of ResourceRecords does not matter). */
    boolean sameAs(RecordSet other) {
        return withSortedValues().equals(other.withSortedValues());
    }

    private RecordSet withSortedValues() {
        return new RecordSet(name, type, setIdentifier, weight, failover, region, ttl,
                values.stream().sorted().toList(), alias, healthCheckId);
    }

    /** How Route 53's error messages name a record set. */
    String describe() {
        return "[name='" + name + "', type='" + type + "'"
                + (setIdentifier == null ? "" : ", set-identifier='" + setIdentifier + "'") + "]";
    }

    ResourceRecordSet toSdk() {
        return ResourceRecordSet.builder().name(name).type(type).setIdentifier(setIdentifier).weight(weight)
                .failover(failover).region(region).ttl(ttl).healthCheckId(healthCheckId)
                .resourceRecords(values.isEmpty() ? null : values.stream().map(v -> ResourceRecord.builder().value(v).build()).toList())
                .aliasTarget(alias == null ? null : AliasTarget.builder().hostedZoneId(alias.hostedZoneId())
                        .dnsName(alias.dnsName()).evaluateTargetHealth(alias.evaluateTargetHealth()).build())
                .build();
    }
}
