package io.drc.simulator.route53;

import io.drc.simulator.core.AwsError;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import software.amazon.awssdk.services.route53.model.Change;

/**
 * Applies a change batch atomically, as Route 53 does: every change is checked against the zone as the earlier
 * changes of the same batch leave it, and if any fails the zone is left untouched and every problem reported.
 */
final class ChangeBatchApplier {
    static final int MAX_CHANGES = 1000;

    private ChangeBatchApplier() {
    }

    static void apply(HostedZone zone, List<Change> changes) {
        if (changes.isEmpty()) {
            throw AwsError.badRequest("InvalidInput", "1 validation error detected: Value '[]' at 'changeBatch.changes' "
                    + "failed to satisfy constraint: Member must have length greater than or equal to 1");
        }
        if (changes.size() > MAX_CHANGES) {
            throw AwsError.badRequest("InvalidChangeBatch", "[Number of records limit of " + MAX_CHANGES + " exceeded.]");
        }
        Map<RecordSet.Key, RecordSet> working = new TreeMap<>(RecordSet.ORDER);
        working.putAll(zone.records);
        List<String> problems = new ArrayList<>();
        for (Change change : changes) {
            String action = Route53Service.required(change.actionAsString(), "changeBatch.changes.member.action");
            RecordSet record = RecordSet.fromSdk(change.resourceRecordSet(), action);
            String problem = DnsNames.isWithin(record.name(), zone.name)
                    ? applyOne(working, action, record)
                    : "RRSet with DNS name " + record.name() + " is not permitted in zone " + zone.name;
            if (problem != null) {
                problems.add(problem);
            }
        }
        if (!problems.isEmpty()) {
            throw AwsError.badRequest("InvalidChangeBatch", "[" + String.join(", ", problems) + "]");
        }
        zone.records = working;
    }

    /** @return the problem with this change, or null when it applied to {@code working} */
    private static String applyOne(Map<RecordSet.Key, RecordSet> working, String action, RecordSet record) {
        RecordSet existing = working.get(record.key());
        switch (action) {
            case "CREATE" -> {
                if (existing != null) {
                    return "Tried to create resource record set " + record.describe() + " but it already exists";
                }
                working.put(record.key(), record);
            }
            case "DELETE" -> {
                if (existing == null) {
                    return "Tried to delete resource record set " + record.describe() + " but it was not found";
                }
                if (!existing.sameAs(record)) {
                    return "Tried to delete resource record set " + record.describe()
                            + " but the values provided do not match the current values";
                }
                working.remove(record.key());
            }
            case "UPSERT" -> working.put(record.key(), record);
            default -> throw AwsError.badRequest("InvalidInput", "1 validation error detected: Value '" + action
                    + "' at 'changeBatch.changes.member.action' failed to satisfy constraint: Member must satisfy enum "
                    + "value set: [CREATE, DELETE, UPSERT]");
        }
        return null;
    }
}
