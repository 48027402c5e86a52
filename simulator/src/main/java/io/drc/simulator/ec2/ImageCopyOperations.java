package io.drc.simulator.ec2;

import io.drc.simulator.core.AwsError;
import io.drc.simulator.core.RegionState;
import io.drc.simulator.core.World;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.ec2.model.CopyImageRequest;
import software.amazon.awssdk.services.ec2.model.CopyImageResponse;

/**
 * CopyImage, called in the destination region with {@code SourceRegion}. A repeated {@code ClientToken} answers
 * with the image the first call made ({@link ClientTokens}). {@code TagSpecifications} tag the new image
 * ({@code image}) and every new snapshot ({@code snapshot}). The copy and copies of its snapshots are pending until
 * {@code ec2.image.copy} has passed; a copy told to fail ({@link Ec2State#imageCopyFailures()}) then turns
 * {@code failed} with a StateReason, and its snapshots end in {@code error}.
 */
public final class ImageCopyOperations {

    public CopyImageResponse copyImage(CopyImageRequest request, RegionState region) {
        Ec2State destination = Ec2State.of(region);
        CopyImageRequest parameters = request.toBuilder().clientToken(null).build();
        var replayed = destination.clientTokens.replay("CopyImage", request.clientToken(), parameters,
                String.class);
        if (replayed.isPresent()) {
            return CopyImageResponse.builder().imageId(replayed.get()).build();
        }
        requireParameters(request);
        boolean encryptRequested = Boolean.TRUE.equals(request.encrypted());
        String kmsKeyId = KmsKeys.effective(region, encryptRequested, request.kmsKeyId());
        Ec2Image source = Ec2State.of(region.world().region(request.sourceRegion())).image(request.sourceImageId());
        if (!source.state.equals("available")) {
            throw AwsError.badRequest("IncorrectState", "The image '" + source.id + "' is not in the 'available' state"
                    + " (it is '" + source.state + "')");
        }
        ImageOperations.requireUniqueName(destination, request.name());
        var tags = Ec2Tags.specified(request.tagSpecifications(), "image");
        var snapshotTags = Ec2Tags.specified(request.tagSpecifications(), "snapshot");
        String failure = destination.imageCopyFailures().draw().orElse(null);
        Ec2Image copy = copyOf(region, source, request, encryptRequested, kmsKeyId, failure);
        // TagSpecifications of type snapshot: the same tags on every new snapshot of the copy (as AWS documents).
        copy.devices.forEach(d -> Ec2Tags.put(destination.snapshot(d.snapshotId()), snapshotTags));
        if (Boolean.TRUE.equals(request.copyImageTags())) {
            Ec2Tags.put(copy, source.tags);
        }
        Ec2Tags.put(copy, tags);
        destination.images.put(copy.id, copy);
        destination.clientTokens.remember("CopyImage", request.clientToken(), parameters, copy.id);
        ImageOperations.becomeAvailableOrFail(region, copy, "ec2.image.copy", failure);
        return CopyImageResponse.builder().imageId(copy.id).build();
    }

    private static void requireParameters(CopyImageRequest request) {
        if (request.sourceRegion() == null) {
            throw AwsError.missingParameter("SourceRegion");
        }
        if (request.sourceImageId() == null) {
            throw AwsError.missingParameter("SourceImageId");
        }
        if (request.name() == null) {
            throw AwsError.missingParameter("Name");
        }
    }

    private static Ec2Image copyOf(RegionState region, Ec2Image source, CopyImageRequest request,
                                   boolean encryptRequested, String kmsKeyId, String failure) {
        String imageId = region.world().ids().next("ami");
        List<Ec2Image.Device> devices = new ArrayList<>();
        for (Ec2Image.Device device : source.devices) {
            boolean encrypted = device.encrypted() || encryptRequested;
            Ec2Snapshot snapshot = Ec2Snapshots.start(region, new Ec2Snapshots.Spec(Ec2Snapshot.COPIED_VOLUME_ID,
                    device.size(), "Copied for DestinationAmi " + imageId + " from SourceAmi " + source.id
                            + " for SourceSnapshot " + device.snapshotId(), encrypted,
                    encrypted ? (kmsKeyId != null ? kmsKeyId : KmsKeys.effective(region, true, null)) : null,
                    Ec2Snapshot.Origin.COPY_IMAGE, device.snapshotId()), "ec2.image.copy", failure);
            devices.add(new Ec2Image.Device(device.deviceName(), snapshot.id, device.size(), device.volumeType(),
                    encrypted));
        }
        Ec2Image copy = new Ec2Image(imageId, region.world().now(), request.name(),
                request.description() != null ? request.description() : source.description, World.ACCOUNT_ID, null,
                devices, null);
        copy.sourceImageId = source.id;
        copy.sourceImageRegion = request.sourceRegion();
        return copy;
    }
}
