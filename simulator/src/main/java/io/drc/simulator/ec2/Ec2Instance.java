package io.drc.simulator.ec2;

import java.time.Instant;

/** An EC2 instance: {@code pending → running}, {@code shutting-down → terminated}. */
public final class Ec2Instance extends Ec2Resource {
    final String reservationId;
    final String imageId;
    final String instanceType;
    final String availabilityZone;
    final String privateIpAddress;
    final String launchTemplateId;
    final String launchTemplateVersion;
    String rootVolumeId;
    /** The ClientToken of the RunInstances call that launched it; DescribeInstances shows it. */
    String clientToken;
    /** Its place in the RunInstances call that launched it (AmiLaunchIndex). */
    int launchIndex;
    /** When TerminateInstances was called; null while it runs. */
    java.time.Instant shutdownAt;
    String state = "pending";
    int reboots;
    /** Its status checks have passed ({@code ec2.instance.checks} after it started running). */
    boolean checksPassed;

    Ec2Instance(String id, Instant launchTime, String reservationId, InstanceLaunch launch, String privateIpAddress) {
        super(id, launchTime);
        this.reservationId = reservationId;
        this.imageId = launch.imageId();
        this.instanceType = launch.instanceType();
        this.availabilityZone = launch.availabilityZone();
        this.privateIpAddress = privateIpAddress;
        this.launchTemplateId = launch.launchTemplateId();
        this.launchTemplateVersion = launch.launchTemplateVersion();
    }

    public String imageId() {
        return imageId;
    }

    public String instanceType() {
        return instanceType;
    }

    public String availabilityZone() {
        return availabilityZone;
    }

    public String launchTemplateId() {
        return launchTemplateId;
    }

    public String launchTemplateVersion() {
        return launchTemplateVersion;
    }

    public String state() {
        return state;
    }

    /** How often the instance was rebooted (CreateImage without NoReboot reboots it). */
    public int reboots() {
        return reboots;
    }

    boolean isGone() {
        return state.equals("shutting-down") || state.equals("terminated");
    }

    static int stateCode(String state) {
        return switch (state) {
            case "pending" -> 0;
            case "running" -> 16;
            case "shutting-down" -> 32;
            case "terminated" -> 48;
            case "stopping" -> 64;
            default -> 80;
        };
    }
}
