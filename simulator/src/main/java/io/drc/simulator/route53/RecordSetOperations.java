package io.drc.simulator.route53;

import io.drc.simulator.core.AwsError;
import io.drc.simulator.core.RegionState;
import java.util.List;
import software.amazon.awssdk.services.route53.model.ChangeBatch;
import software.amazon.awssdk.services.route53.model.ChangeResourceRecordSetsRequest;
import software.amazon.awssdk.services.route53.model.ChangeResourceRecordSetsResponse;
import software.amazon.awssdk.services.route53.model.ListResourceRecordSetsRequest;
import software.amazon.awssdk.services.route53.model.ListResourceRecordSetsResponse;

/** Route 53 record sets: atomic change batches and the listing in AWS's order with its Start*-style pagination. */
public final class RecordSetOperations {
    private static final int MAX_RECORDS = 300;

    public ChangeResourceRecordSetsResponse changeResourceRecordSets(ChangeResourceRecordSetsRequest request,
                                                                     RegionState region) {
        Route53State state = Route53State.of(region.world());
        HostedZone zone = state.zone(Route53Service.required(request.hostedZoneId(), "hostedZoneId"));
        ChangeBatch batch = Route53Service.required(request.changeBatch(), "changeBatch");
        batch.changes().stream().filter(c -> !"DELETE".equals(c.actionAsString()) && c.resourceRecordSet() != null)
                .map(c -> c.resourceRecordSet().healthCheckId()).filter(id -> id != null)
                .forEach(state::healthCheck);
        ChangeBatchApplier.apply(zone, batch.changes());
        return ChangeResourceRecordSetsResponse.builder()
                .changeInfo(Route53Service.changeInfo(state.submit(region.world(), batch.comment()))).build();
    }

    public ListResourceRecordSetsResponse listResourceRecordSets(ListResourceRecordSetsRequest request, RegionState region) {
        HostedZone zone = Route53State.of(region.world()).zone(Route53Service.required(request.hostedZoneId(), "hostedZoneId"));
        int max = Route53Service.maxItems(request.maxItems(), MAX_RECORDS);
        List<RecordSet> all = List.copyOf(zone.records.values());
        int from = start(all, request);
        int to = Math.min(all.size(), from + max);
        ListResourceRecordSetsResponse.Builder response = ListResourceRecordSetsResponse.builder()
                .resourceRecordSets(all.subList(from, to).stream().map(RecordSet::toSdk).toList())
                .isTruncated(to < all.size()).maxItems(String.valueOf(max));
        if (to < all.size()) {
            RecordSet next = all.get(to);
            response.nextRecordName(next.name()).nextRecordType(next.type()).nextRecordIdentifier(next.setIdentifier());
        }
        return response.build();
    }

    /** Index of the first record set at or after StartRecordName / StartRecordType / StartRecordIdentifier. */
    private static int start(List<RecordSet> all, ListResourceRecordSetsRequest request) {
        if (request.startRecordName() == null) {
            if (request.startRecordTypeAsString() != null) {
                throw AwsError.badRequest("InvalidInput", "The input is not valid: StartRecordType requires StartRecordName");
            }
            return 0;
        }
        RecordSet.Key start = new RecordSet.Key(DnsNames.normalise(request.startRecordName()),
                request.startRecordTypeAsString() == null ? "" : request.startRecordTypeAsString(),
                request.startRecordIdentifier());
        int i = 0;
        while (i < all.size() && RecordSet.ORDER.compare(all.get(i).key(), start) < 0) {
            i++;
        }
        return i;
    }
}
