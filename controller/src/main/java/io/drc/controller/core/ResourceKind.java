package io.drc.controller.core;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Map;
import java.util.stream.Collectors;

/** What kind of AWS resource drc protects, named as in configuration and the API. */
public enum ResourceKind {
    EC2_INSTANCE("ec2-instance"),
    EBS_VOLUME("ebs-volume"),
    RDS_INSTANCE("rds-instance"),
    RDS_REPLICA("rds-replica");

    /** Looked up for every stored job and recovery point a replication tick reads: no stream, no copy of values(). */
    private static final Map<String, ResourceKind> BY_WIRE_NAME = Arrays.stream(values())
            .collect(Collectors.toUnmodifiableMap(ResourceKind::wireName, kind -> kind));

    private final String wireName;

    ResourceKind(String wireName) {
        this.wireName = wireName;
    }

    @JsonValue
    public String wireName() {
        return wireName;
    }

    /** A cross-region read replica is kept current by RDS itself: drc makes no copies of it. */
    public boolean hasCopies() {
        return this != RDS_REPLICA;
    }

    @JsonCreator
    public static ResourceKind fromWireName(String name) {
        ResourceKind kind = name == null ? null : BY_WIRE_NAME.get(name);
        if (kind == null) {
            throw new IllegalArgumentException("unknown resource kind '" + name + "': use one of "
                    + Arrays.stream(values()).map(ResourceKind::wireName).collect(Collectors.joining(", ")));
        }
        return kind;
    }
}
