package io.drc.simulator.ec2;

import java.time.Instant;
import java.util.List;

/** An AMI backed by EBS snapshots: {@code pending → available}, or {@code failed} with a StateReason. */
final class Ec2Image extends Ec2Resource {
    /** One EBS block device of the image. */
    record Device(String deviceName, String snapshotId, int size, String volumeType, boolean encrypted) implements java.io.Serializable { }

    static final String ROOT_DEVICE = "/dev/xvda";

    final String name;
    final String description;
    final String ownerId;
    final String ownerAlias;
    final List<Device> devices;
    final String sourceInstanceId;
    String state = "pending";
    /** Why the image {@code failed} (AWS's StateReason). */
    String stateReasonCode;
    String stateReasonMessage;
    /** Set on copies (CopyImage). */
    String sourceImageId;
    String sourceImageRegion;

    Ec2Image(String id, Instant createdAt, String name, String description, String ownerId, String ownerAlias,
             List<Device> devices, String sourceInstanceId) {
        super(id, createdAt);
        this.name = name;
        this.description = description;
        this.ownerId = ownerId;
        this.ownerAlias = ownerAlias;
        this.devices = List.copyOf(devices);
        this.sourceInstanceId = sourceInstanceId;
    }

    boolean usesSnapshot(String snapshotId) {
        return devices.stream().anyMatch(d -> snapshotId.equals(d.snapshotId()));
    }
}
