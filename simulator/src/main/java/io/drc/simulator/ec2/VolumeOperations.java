package io.drc.simulator.ec2;

import io.drc.simulator.core.AwsError;
import io.drc.simulator.core.Pages;
import io.drc.simulator.core.RegionState;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import software.amazon.awssdk.services.ec2.model.CreateVolumeRequest;
import software.amazon.awssdk.services.ec2.model.CreateVolumeResponse;
import software.amazon.awssdk.services.ec2.model.DeleteVolumeRequest;
import software.amazon.awssdk.services.ec2.model.DeleteVolumeResponse;
import software.amazon.awssdk.services.ec2.model.DescribeVolumesRequest;
import software.amazon.awssdk.services.ec2.model.DescribeVolumesResponse;
import software.amazon.awssdk.services.ec2.model.Volume;
import software.amazon.awssdk.services.ec2.model.VolumeAttachment;

/** CreateVolume (idempotent on ClientToken, see {@link ClientTokens}), DescribeVolumes, DeleteVolume. */
public final class VolumeOperations {
    private static final Ec2Filters<Ec2Volume> FILTERS = Ec2Filters.ofResources(
            Map.<String, Function<Ec2Volume, Object>>of(
            "volume-id", v -> v.id,
            "status", v -> v.state,
            "availability-zone", v -> v.availabilityZone,
            "volume-type", v -> v.volumeType,
            "size", v -> v.size,
            "snapshot-id", v -> v.snapshotId,
            "encrypted", v -> v.encrypted,
            "attachment.instance-id", v -> v.attachedTo));

    public CreateVolumeResponse createVolume(CreateVolumeRequest request, RegionState region) {
        if (request.availabilityZone() == null) {
            throw AwsError.missingParameter("AvailabilityZone");
        }
        Ec2State ec2 = Ec2State.of(region);
        CreateVolumeRequest parameters = request.toBuilder().clientToken(null).availabilityZone(null).build();
        var replayed = ec2.clientTokens.replay("CreateVolume", request.clientToken(), parameters, Ec2Volume.class);
        if (replayed.isPresent()) {
            return created(replayed.get());
        }
        Ec2Snapshot from = request.snapshotId() == null ? null : ec2.snapshot(request.snapshotId());
        Integer size = request.size() != null ? request.size() : from != null ? Integer.valueOf(from.volumeSize) : null;
        if (size == null) {
            throw AwsError.missingParameter("Size");
        }
        if (!request.availabilityZone().startsWith(region.name())) {
            throw AwsError.badRequest("InvalidParameterValue", "Invalid availability zone: ["
                    + request.availabilityZone() + "]");
        }
        boolean encrypted = Boolean.TRUE.equals(request.encrypted()) || from != null && from.encrypted;
        String type = request.volumeTypeAsString() != null ? request.volumeTypeAsString() : "gp2";
        Ec2Volume volume = new Ec2Volume(region.world().ids().next("vol"), region.world().now(),
                request.availabilityZone(), size, type, encrypted,
                KmsKeys.effective(region, encrypted, request.kmsKeyId()), request.snapshotId());
        Ec2Tags.fromSpecifications(volume, request.tagSpecifications(), "volume");
        ec2.volumes.put(volume.id, volume);
        ec2.clientTokens.remember("CreateVolume", request.clientToken(), parameters, volume);
        region.world().after("ec2.volume.create", () -> {
            if (volume.state.equals("creating")) {
                volume.state = "available";
            }
        });
        return created(volume);
    }

    private static CreateVolumeResponse created(Ec2Volume volume) {
        Volume view = view(volume);
        return CreateVolumeResponse.builder().volumeId(view.volumeId()).availabilityZone(view.availabilityZone())
                .size(view.size()).volumeType(view.volumeType()).encrypted(view.encrypted()).kmsKeyId(view.kmsKeyId())
                .state(view.state()).createTime(view.createTime()).snapshotId(view.snapshotId()).tags(view.tags())
                .iops(view.iops()).throughput(view.throughput()).multiAttachEnabled(false).build();
    }

    public DescribeVolumesResponse describeVolumes(DescribeVolumesRequest request, RegionState region) {
        List<Ec2Volume> selected = Ec2Query.select(Ec2State.of(region).volumes, Ec2Kind.VOLUME, request.volumeIds(),
                request.filters(), FILTERS);
        Pages.Page<Ec2Volume> page = Ec2Query.page(selected, request.volumeIds(), request.nextToken(),
                request.maxResults());
        return DescribeVolumesResponse.builder().volumes(page.items().stream().map(VolumeOperations::view).toList())
                .nextToken(page.nextToken()).build();
    }

    public DeleteVolumeResponse deleteVolume(DeleteVolumeRequest request, RegionState region) {
        Ec2State ec2 = Ec2State.of(region);
        Ec2Volume volume = ec2.volume(request.volumeId());
        if (volume.attachedTo != null) {
            throw AwsError.badRequest("VolumeInUse", "Volume " + volume.id + " is currently attached to "
                    + volume.attachedTo);
        }
        ec2.volumes.remove(volume.id);
        volume.state = "deleted"; // what a repeated CreateVolume ClientToken then shows
        return DeleteVolumeResponse.builder().build();
    }

    private static Volume view(Ec2Volume v) {
        Volume.Builder b = Volume.builder().volumeId(v.id).availabilityZone(v.availabilityZone).size(v.size)
                .volumeType(v.volumeType).encrypted(v.encrypted).kmsKeyId(v.kmsKeyId).state(v.state)
                .createTime(v.createdAt).snapshotId(v.snapshotId == null ? "" : v.snapshotId).tags(Ec2Tags.sdk(v))
                .iops(v.iops()).throughput(v.throughput()).multiAttachEnabled(false).attachments(List.of());
        if (v.attachedTo != null) {
            b.attachments(VolumeAttachment.builder().volumeId(v.id).instanceId(v.attachedTo).device(v.device)
                    .state("attached").attachTime(v.createdAt).deleteOnTermination(true).build());
        }
        return b.build();
    }
}
