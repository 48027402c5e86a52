package io.drc.simulator.ec2;

import java.time.Instant;

/** An EBS volume: {@code creating → available}, {@code in-use} while attached. */
final class Ec2Volume extends Ec2Resource {
    final String availabilityZone;
    final int size;
    final String volumeType;
    final boolean encrypted;
    final String kmsKeyId;
    final String snapshotId;
    String state = "creating";
    String attachedTo;
    String device;

    Ec2Volume(String id, Instant createdAt, String availabilityZone, int size, String volumeType, boolean encrypted,
              String kmsKeyId, String snapshotId) {
        super(id, createdAt);
        this.availabilityZone = availabilityZone;
        this.size = size;
        this.volumeType = volumeType;
        this.encrypted = encrypted;
        this.kmsKeyId = kmsKeyId;
        this.snapshotId = snapshotId;
    }
}
