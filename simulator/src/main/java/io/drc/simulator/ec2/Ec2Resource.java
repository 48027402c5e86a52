package io.drc.simulator.ec2;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** Something the EC2 simulator keeps and tags: an instance, volume, image, snapshot or launch template. */
public abstract class Ec2Resource implements java.io.Serializable {
    final String id;
    final Instant createdAt;
    final Map<String, String> tags = new LinkedHashMap<>();

    Ec2Resource(String id, Instant createdAt) {
        this.id = id;
        this.createdAt = createdAt;
    }

    public String id() {
        return id;
    }

    public Map<String, String> tags() {
        return tags;
    }
}
