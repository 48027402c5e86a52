package io.drc.simulator.ec2;

import io.drc.simulator.core.AwsError;
import io.drc.simulator.core.Pages;
import io.drc.simulator.core.RegionState;
import io.drc.simulator.core.World;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import software.amazon.awssdk.services.ec2.model.BlockDeviceMapping;
import software.amazon.awssdk.services.ec2.model.CreateImageRequest;
import software.amazon.awssdk.services.ec2.model.CreateImageResponse;
import software.amazon.awssdk.services.ec2.model.DeleteSnapshotReturnCode;
import software.amazon.awssdk.services.ec2.model.DeregisterImageRequest;
import software.amazon.awssdk.services.ec2.model.DeregisterImageResponse;
import software.amazon.awssdk.services.ec2.model.DescribeImagesRequest;
import software.amazon.awssdk.services.ec2.model.DescribeImagesResponse;
import software.amazon.awssdk.services.ec2.model.EbsBlockDevice;
import software.amazon.awssdk.services.ec2.model.Image;
import software.amazon.awssdk.services.ec2.model.SnapshotReturnCodes;
import software.amazon.awssdk.services.ec2.model.StateReason;

/**
 * CreateImage, DescribeImages, DeregisterImage (with {@code DeleteAssociatedSnapshots}: the image's snapshots no
 * other AMI uses go with it) (CopyImage is in {@link ImageCopyOperations}).
 */
public final class ImageOperations {
    /** The StateReason code AWS shows on an AMI whose creation or copy failed on its side. */
    static final String FAILED_COPY_REASON_CODE = "Server.InternalError";
    private static final Ec2Filters<Ec2Image> FILTERS = Ec2Filters.ofResources(
            Map.<String, Function<Ec2Image, Object>>of(
            "image-id", i -> i.id,
            "name", i -> i.name,
            "state", i -> i.state,
            "description", i -> i.description,
            "owner-id", i -> i.ownerId,
            "owner-alias", i -> i.ownerAlias,
            "is-public", i -> !World.ACCOUNT_ID.equals(i.ownerId),
            "block-device-mapping.snapshot-id", i -> i.devices.stream().map(Ec2Image.Device::snapshotId).toList()));

    public CreateImageResponse createImage(CreateImageRequest request, RegionState region) {
        if (request.name() == null) {
            throw AwsError.missingParameter("Name");
        }
        Ec2State ec2 = Ec2State.of(region);
        Ec2Instance instance = ec2.instance(request.instanceId());
        if (!instance.state.equals("running") && !instance.state.equals("stopped")) {
            throw AwsError.badRequest("IncorrectInstanceState", "The instance '" + instance.id
                    + "' is not in a state from which it can be imaged.");
        }
        requireUniqueName(ec2, request.name());
        var imageTags = Ec2Tags.specified(request.tagSpecifications(), "image");
        var snapshotTags = Ec2Tags.specified(request.tagSpecifications(), "snapshot");
        String imageId = region.world().ids().next("ami");
        Ec2Volume root = ec2.volume(instance.rootVolumeId);
        Ec2Snapshot snapshot = Ec2Snapshots.start(region, new Ec2Snapshots.Spec(root.id, root.size,
                "Created by CreateImage(" + instance.id + ") for " + imageId, root.encrypted, root.kmsKeyId,
                Ec2Snapshot.Origin.CREATE_IMAGE, null), "ec2.image.create");
        Ec2Image image = new Ec2Image(imageId, region.world().now(), request.name(), request.description(),
                World.ACCOUNT_ID, null, List.of(new Ec2Image.Device(root.device, snapshot.id, root.size,
                root.volumeType, root.encrypted)), instance.id);
        image.tags.putAll(imageTags);
        snapshot.tags.putAll(snapshotTags);
        ec2.images.put(image.id, image);
        if (!Boolean.TRUE.equals(request.noReboot())) {
            instance.reboots++;
        }
        becomeAvailable(region, image, "ec2.image.create");
        return CreateImageResponse.builder().imageId(image.id).build();
    }

    static void requireUniqueName(Ec2State ec2, String name) {
        ec2.images.values().stream().filter(i -> name.equals(i.name) && World.ACCOUNT_ID.equals(i.ownerId))
                .findFirst().ifPresent(i -> {
                    throw AwsError.badRequest("InvalidAMIName.Duplicate",
                            "AMI name " + name + " is already in use by AMI " + i.id);
                });
    }

    static void becomeAvailable(RegionState region, Ec2Image image, String timingKey) {
        becomeAvailableOrFail(region, image, timingKey, null);
    }

    /** {@code failure}: null to turn available, else the StateReason message of a {@code failed} image. */
    static void becomeAvailableOrFail(RegionState region, Ec2Image image, String timingKey, String failure) {
        region.world().after(timingKey, () -> {
            if (image.state.equals("pending")) {
                image.state = failure == null ? "available" : "failed";
                image.stateReasonCode = failure == null ? null : FAILED_COPY_REASON_CODE;
                image.stateReasonMessage = failure;
            }
        });
    }

    public DescribeImagesResponse describeImages(DescribeImagesRequest request, RegionState region) {
        List<Ec2Image> selected = Ec2Query.select(Ec2State.of(region).images, Ec2Kind.IMAGE, request.imageIds(),
                request.filters(), FILTERS).stream().filter(i -> ownedBy(i, request.owners())).toList();
        Pages.Page<Ec2Image> page = Ec2Query.page(selected, request.imageIds(), request.nextToken(),
                request.maxResults());
        return DescribeImagesResponse.builder().images(page.items().stream().map(ImageOperations::view).toList())
                .nextToken(page.nextToken()).build();
    }

    private static boolean ownedBy(Ec2Image image, List<String> owners) {
        return owners.isEmpty() || owners.stream().anyMatch(o -> o.equals(image.ownerId) || o.equals(image.ownerAlias)
                || o.equals("self") && World.ACCOUNT_ID.equals(image.ownerId));
    }

    public DeregisterImageResponse deregisterImage(DeregisterImageRequest request, RegionState region) {
        Ec2State ec2 = Ec2State.of(region);
        Ec2Image image = ec2.image(request.imageId());
        if (!World.ACCOUNT_ID.equals(image.ownerId)) {
            throw AwsError.badRequest("AuthFailure", "Not authorized for image:" + image.id);
        }
        ec2.images.remove(image.id);
        if (!Boolean.TRUE.equals(request.deleteAssociatedSnapshots())) {
            return DeregisterImageResponse.builder().returnValue(true).build();
        }
        // DeleteAssociatedSnapshots: each snapshot no other AMI uses is deleted; one another AMI uses is kept.
        List<DeleteSnapshotReturnCode> results = new ArrayList<>();
        for (Ec2Image.Device device : image.devices) {
            String snapshotId = device.snapshotId();
            boolean shared = ec2.images.values().stream().anyMatch(i -> i.usesSnapshot(snapshotId));
            if (!shared && ec2.snapshots.remove(snapshotId) != null) {
                results.add(DeleteSnapshotReturnCode.builder().snapshotId(snapshotId).returnCode(SnapshotReturnCodes.SUCCESS).build());
            } else {
                results.add(DeleteSnapshotReturnCode.builder().snapshotId(snapshotId).returnCode(SnapshotReturnCodes.SKIPPED)
                        .build());
            }
        }
        return DeregisterImageResponse.builder().returnValue(true).deleteSnapshotResults(results).build();
    }

    private static Image view(Ec2Image i) {
        return Image.builder().imageId(i.id).name(i.name).description(i.description).state(i.state)
                .ownerId(i.ownerId).imageOwnerAlias(i.ownerAlias)
                .publicLaunchPermissions(!World.ACCOUNT_ID.equals(i.ownerId))
                .creationDate(i.createdAt.toString()).architecture("x86_64").imageType("machine")
                .rootDeviceType("ebs").rootDeviceName(Ec2Image.ROOT_DEVICE).virtualizationType("hvm")
                .hypervisor("xen").enaSupport(true).sourceInstanceId(i.sourceInstanceId)
                .sourceImageId(i.sourceImageId).sourceImageRegion(i.sourceImageRegion)
                .blockDeviceMappings(i.devices.stream().map(ImageOperations::mapping).toList())
                .stateReason(i.stateReasonCode == null ? null
                        : StateReason.builder().code(i.stateReasonCode).message(i.stateReasonMessage).build())
                .tags(Ec2Tags.sdk(i)).build();
    }

    private static BlockDeviceMapping mapping(Ec2Image.Device d) {
        return BlockDeviceMapping.builder().deviceName(d.deviceName())
                .ebs(EbsBlockDevice.builder().snapshotId(d.snapshotId()).volumeSize(d.size())
                        .volumeType(d.volumeType()).encrypted(d.encrypted()).deleteOnTermination(true).build())
                .build();
    }
}
