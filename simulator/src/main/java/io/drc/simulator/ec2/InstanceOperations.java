package io.drc.simulator.ec2;

import io.drc.simulator.core.AwsError;
import io.drc.simulator.core.Pages;
import io.drc.simulator.core.RegionState;
import io.drc.simulator.core.World;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import software.amazon.awssdk.services.ec2.model.DescribeInstancesRequest;
import software.amazon.awssdk.services.ec2.model.DescribeInstancesResponse;
import software.amazon.awssdk.services.ec2.model.EbsInstanceBlockDevice;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.InstanceBlockDeviceMapping;
import software.amazon.awssdk.services.ec2.model.InstanceState;
import software.amazon.awssdk.services.ec2.model.InstanceStateChange;
import software.amazon.awssdk.services.ec2.model.LaunchTemplateSpecification;
import software.amazon.awssdk.services.ec2.model.Monitoring;
import software.amazon.awssdk.services.ec2.model.Placement;
import software.amazon.awssdk.services.ec2.model.Reservation;
import software.amazon.awssdk.services.ec2.model.RunInstancesRequest;
import software.amazon.awssdk.services.ec2.model.RunInstancesResponse;
import software.amazon.awssdk.services.ec2.model.StateReason;
import software.amazon.awssdk.services.ec2.model.TerminateInstancesRequest;
import software.amazon.awssdk.services.ec2.model.TerminateInstancesResponse;

/** RunInstances (idempotent on ClientToken, see {@link ClientTokens}), DescribeInstances, TerminateInstances. */
public final class InstanceOperations {
    /** The simulator does not model VPCs: every instance is in the default VPC ({@link Subnets}) and one subnet. */
    private static final String DEFAULT_SUBNET = "subnet-0a1b2c3d4e5f60718";
    private static final java.time.format.DateTimeFormatter TRANSITION_TIME =
            java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'GMT'").withZone(java.time.ZoneOffset.UTC);
    private static final Ec2Filters<Ec2Instance> FILTERS = Ec2Filters.ofResources(
            Map.<String, Function<Ec2Instance, Object>>of(
            "instance-id", i -> i.id,
            "instance-state-name", i -> i.state,
            "instance-type", i -> i.instanceType,
            "image-id", i -> i.imageId,
            "availability-zone", i -> i.availabilityZone,
            "reservation-id", i -> i.reservationId,
            "private-ip-address", i -> i.privateIpAddress));

    public RunInstancesResponse runInstances(RunInstancesRequest request, RegionState region) {
        if (request.minCount() == null || request.maxCount() == null) {
            throw AwsError.missingParameter(request.minCount() == null ? "MinCount" : "MaxCount");
        }
        if (request.minCount() < 1 || request.maxCount() < request.minCount()) {
            throw AwsError.badRequest("InvalidParameterValue", "Value (" + request.minCount()
                    + ") for parameter minCount is invalid. Expected a value between 1 and maxCount.");
        }
        Ec2State ec2 = Ec2State.of(region);
        RunInstancesRequest parameters = withoutTokenAndZone(request);
        String reservationId = ec2.clientTokens.replay("RunInstances", request.clientToken(), parameters,
                String.class).orElse(null);
        if (reservationId == null) {
            InstanceLaunch launch = launchOf(request, region);
            reservationId = Ec2Instances.launch(region, launch, request.maxCount(), request.clientToken()).get(0)
                    .reservationId;
            ec2.clientTokens.remember("RunInstances", request.clientToken(), parameters, reservationId);
        }
        String reservation = reservationId;
        List<Ec2Instance> launched = ec2.instances.values().stream().filter(i -> i.reservationId.equals(reservation))
                .toList();
        return RunInstancesResponse.builder().reservationId(reservation).ownerId(World.ACCOUNT_ID)
                .instances(launched.stream().map(i -> view(i)).toList()).build();
    }

    /** What a repeated ClientToken must repeat: everything but the token and, as AWS allows, the zone. */
    private static RunInstancesRequest withoutTokenAndZone(RunInstancesRequest request) {
        RunInstancesRequest.Builder parameters = request.toBuilder().clientToken(null);
        if (request.placement() != null) {
            parameters.placement(request.placement().toBuilder().availabilityZone(null).build());
        }
        return parameters.build();
    }

    private static InstanceLaunch launchOf(RunInstancesRequest request, RegionState region) {
        LaunchTemplateSpecification lt = request.launchTemplate();
        InstanceLaunch base = lt == null ? new InstanceLaunch(null, "m1.small", null, null, null, null, Map.of())
                : Ec2Instances.fromTemplate(region, lt.launchTemplateId(), lt.launchTemplateName(), lt.version());
        String zone = request.placement() == null ? null : request.placement().availabilityZone();
        return new InstanceLaunch(
                request.imageId() != null ? request.imageId() : base.imageId(),
                request.instanceTypeAsString() != null ? request.instanceTypeAsString() : base.instanceType(),
                zone, base.launchTemplateId(), base.launchTemplateName(), base.launchTemplateVersion(),
                Ec2Tags.specified(request.tagSpecifications(), "instance"));
    }

    public DescribeInstancesResponse describeInstances(DescribeInstancesRequest request, RegionState region) {
        List<Ec2Instance> selected = Ec2Query.select(Ec2State.of(region).instances, Ec2Kind.INSTANCE,
                request.instanceIds(), request.filters(), FILTERS);
        Pages.Page<Ec2Instance> page = Ec2Query.page(selected, request.instanceIds(), request.nextToken(),
                request.maxResults());
        Map<String, List<Instance>> byReservation = new LinkedHashMap<>();
        for (Ec2Instance i : page.items()) {
            byReservation.computeIfAbsent(i.reservationId, r -> new ArrayList<>()).add(view(i));
        }
        List<Reservation> reservations = byReservation.entrySet().stream()
                .map(e -> Reservation.builder().reservationId(e.getKey()).ownerId(World.ACCOUNT_ID)
                        .instances(e.getValue()).build())
                .toList();
        return DescribeInstancesResponse.builder().reservations(reservations).nextToken(page.nextToken()).build();
    }

    public TerminateInstancesResponse terminateInstances(TerminateInstancesRequest request, RegionState region) {
        if (request.instanceIds().isEmpty()) {
            throw AwsError.missingParameter("InstanceId");
        }
        Ec2State ec2 = Ec2State.of(region);
        List<Ec2Instance> targets = request.instanceIds().stream().map(ec2::instance).toList();
        List<InstanceStateChange> changes = new ArrayList<>();
        for (Ec2Instance instance : targets) {
            String previous = instance.state;
            Ec2Instances.terminate(region, instance);
            changes.add(InstanceStateChange.builder().instanceId(instance.id)
                    .previousState(state(previous)).currentState(state(instance.state)).build());
        }
        return TerminateInstancesResponse.builder().terminatingInstances(changes).build();
    }

    /** {@code ip-10-0-0-4.ec2.internal} in us-east-1, {@code ip-10-0-0-4.<region>.compute.internal} elsewhere. */
    private static String privateDnsName(Ec2Instance i) {
        String region = i.availabilityZone.substring(0, i.availabilityZone.length() - 1);
        return "ip-" + i.privateIpAddress.replace('.', '-')
                + (region.equals("us-east-1") ? ".ec2.internal" : "." + region + ".compute.internal");
    }

    static InstanceState state(String name) {
        return InstanceState.builder().name(name).code(Ec2Instance.stateCode(name)).build();
    }

    private static Instance view(Ec2Instance i) {
        Instance.Builder b = Instance.builder().instanceId(i.id).imageId(i.imageId).instanceType(i.instanceType)
                .state(state(i.state)).launchTime(i.createdAt).amiLaunchIndex(i.launchIndex)
                .placement(Placement.builder().availabilityZone(i.availabilityZone).tenancy("default").build())
                .privateIpAddress(i.privateIpAddress).architecture("x86_64").rootDeviceType("ebs")
                .rootDeviceName(Ec2Image.ROOT_DEVICE).virtualizationType("hvm").hypervisor("xen")
                .blockDeviceMappings(InstanceBlockDeviceMapping.builder().deviceName(Ec2Image.ROOT_DEVICE)
                        .ebs(EbsInstanceBlockDevice.builder().volumeId(i.rootVolumeId).status("attached")
                                .attachTime(i.createdAt).deleteOnTermination(true).build()).build())
                .clientToken(i.clientToken).tags(Ec2Tags.sdk(i))
                .privateDnsName(privateDnsName(i)).publicDnsName("")
                .vpcId(Subnets.DEFAULT_VPC).subnetId(DEFAULT_SUBNET).securityGroups(List.of()).productCodes(List.of())
                .monitoring(Monitoring.builder().state("disabled").build()).sourceDestCheck(true)
                .ebsOptimized(false).enaSupport(true).platformDetails("Linux/UNIX").usageOperation("RunInstances")
                .usageOperationUpdateTime(i.createdAt);
        if (i.shutdownAt != null) {
            b.stateTransitionReason("User initiated (" + TRANSITION_TIME.format(i.shutdownAt) + ")")
                    .stateReason(StateReason.builder().code("Client.UserInitiatedShutdown")
                            .message("Client.UserInitiatedShutdown: User initiated shutdown").build());
        } else {
            b.stateTransitionReason("");
        }
        return b.build();
    }
}
