package io.drc.simulator.route53;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** A hosted zone and its record sets, kept in AWS's listing order. */
final class HostedZone implements java.io.Serializable {
    final String id;
    final String name;
    final String callerReference;
    final String comment;
    final boolean privateZone;
    final Instant createdAt;
    final List<String> nameServers;
    /** Record sets by identity; the map key order is AWS's ListResourceRecordSets order. */
    Map<RecordSet.Key, RecordSet> records = new TreeMap<>(RecordSet.ORDER);

    HostedZone(String id, String name, String callerReference, String comment, boolean privateZone, Instant createdAt,
               List<String> nameServers) {
        this.id = id;
        this.name = name;
        this.callerReference = callerReference;
        this.comment = comment;
        this.privateZone = privateZone;
        this.createdAt = createdAt;
        this.nameServers = List.copyOf(nameServers);
    }

    void put(RecordSet record) {
        records.put(record.key(), record);
    }
}
