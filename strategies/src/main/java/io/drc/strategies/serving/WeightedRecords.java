package io.drc.strategies.serving;

import java.util.List;
import software.amazon.awssdk.services.route53.Route53Client;
import software.amazon.awssdk.services.route53.model.ResourceRecordSet;

/** The weighted record sets of one name in a hosted zone: what the weight step sets and the guards read. */
public final class WeightedRecords {
    private WeightedRecords() {
    }

    public static List<ResourceRecordSet> list(Route53Client route53, String zone, String name) {
        String wanted = normalise(name);
        return route53.listResourceRecordSetsPaginator(r -> r.hostedZoneId(zone).startRecordName(wanted))
                .resourceRecordSets().stream()
                .takeWhile(s -> normalise(s.name()).equals(wanted)) // listed by name: stop paging past ours
                .filter(s -> s.setIdentifier() != null).toList();
    }

    /** Route 53 answers names fully qualified, with the trailing dot. */
    public static String normalise(String name) {
        return name.endsWith(".") ? name : name + ".";
    }
}
