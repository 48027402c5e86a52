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

    /** The provisioned IOPS AWS shows: gp3's baseline 3,000; gp2's 3 per GiB within 100..16,000; none otherwise. */
    Integer iops() {
        return switch (volumeType) {
            case "gp3" -> 3000;
            case "gp2" -> Math.max(100, Math.min(16000, 3 * size));
            default -> null;
        };
    }

    /** gp3's baseline throughput in MiB/s; other types show none. */
    Integer throughput() {
        return volumeType.equals("gp3") ? 125 : null;
    }

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
