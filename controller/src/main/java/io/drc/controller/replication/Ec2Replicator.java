package io.drc.controller.replication;

import io.drc.controller.api.ObservedRecoveryPoint;
import io.drc.controller.api.RecoveryPointState;
import io.drc.controller.config.ProtectedResourceConfig;
import io.drc.controller.core.ResourceKind;
import io.drc.strategies.aws.AwsClients;
import io.drc.strategies.aws.DrcTags;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.BlockDeviceMapping;
import software.amazon.awssdk.services.ec2.model.DeleteSnapshotReturnCode;
import software.amazon.awssdk.services.ec2.model.Image;
import software.amazon.awssdk.services.ec2.model.ImageState;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.SnapshotReturnCodes;

/**
 * EC2 instance → CreateImage (name = the job's token) → available → CopyImage into DR (ClientToken = the token;
 * TagSpecifications tag the copy and its snapshots) → available → DR launch templates' default version on the new
 * AMI ({@link LaunchTemplatePointer}). Retention deregisters an image with its snapshots in one call.
 */
public final class Ec2Replicator implements KindReplicator<Image> {
    private final AwsClients aws;
    private final ReplicationContext context;
    private final LaunchTemplatePointer launchTemplates;
    private final Clock clock;

    public Ec2Replicator(AwsClients aws, ReplicationContext context, Clock clock) {
        this.aws = aws;
        this.context = context;
        this.launchTemplates = new LaunchTemplatePointer(aws, context);
        this.clock = clock;
    }

    @Override
    public ResourceKind kind() {
        return ResourceKind.EC2_INSTANCE;
    }

    /** Per region: the images awaited or to be tagged (by id) and the ones about to be made (by name). */
    @Override
    public Lookup<Image> look(List<ReplicationJob> jobs) {
        Map<String, Set<String>> ids = new HashMap<>();
        Map<String, Set<String>> names = new HashMap<>();
        for (ReplicationJob job : jobs) {
            String sourceRegion = context.regionOf(job.resourceId());
            switch (job.step()) {
                case CREATE_SOURCE -> EbsReplicator.add(names, sourceRegion, job.token(context.application()));
                case AWAIT_SOURCE -> EbsReplicator.add(ids, sourceRegion, job.sourceId());
                case AWAIT_COPY, TAG_COPY -> EbsReplicator.add(ids, context.drRegion(), job.copyId());
                default -> { }
            }
        }
        Lookup<Image> lookup = new Lookup<>();
        Set<String> regions = new HashSet<>(ids.keySet());
        regions.addAll(names.keySet());
        for (String region : regions) {
            Ec2Lookups.images(aws.ec2(region), region, ids.getOrDefault(region, Set.of()),
                    names.getOrDefault(region, Set.of()), lookup);
        }
        return lookup;
    }

    @Override
    public StepOutcome advance(ReplicationJob job, Lookup<Image> looked) {
        String sourceRegion = context.regionOf(job.resourceId());
        return switch (job.step()) {
            case CREATE_SOURCE -> createImage(job, sourceRegion, looked);
            case AWAIT_SOURCE -> awaitImage(sourceRegion, job.sourceId(), JobStep.COPY, true, looked);
            case COPY -> copyImage(job, sourceRegion);
            case AWAIT_COPY -> awaitImage(context.drRegion(), job.copyId(), afterCopy(), false, looked);
            case TAG_COPY -> tagCopy(job, looked);
            case UPDATE_LAUNCH_TEMPLATES -> {
                launchTemplates.pointAt(job.copyId(), job.token(context.application()));
                yield StepOutcome.Advance.to(JobStep.DONE);
            }
            default -> StepOutcome.Advance.to(JobStep.DONE);
        };
    }

    @Override
    public boolean isSettled(ReplicationJob job, Lookup<Image> looked) {
        return awaited(job, looked).map(found -> found.map(i -> i.state() != ImageState.PENDING).orElse(true))
                .orElse(false);
    }

    @Override
    public Optional<StepOutcome.Wait> stillPending(ReplicationJob job, Lookup<Image> looked) {
        return awaited(job, looked).flatMap(found -> found)
                .filter(i -> i.state() == ImageState.PENDING && i.creationDate() != null)
                .map(i -> StepOutcome.Wait.since(Instant.parse(i.creationDate())));
    }

    /** What the look saw of the image the job awaits (inner empty: gone); empty when it did not look for it. */
    private Optional<Optional<Image>> awaited(ReplicationJob job, Lookup<Image> looked) {
        String region = job.step() == JobStep.AWAIT_COPY ? context.drRegion() : context.regionOf(job.resourceId());
        String id = job.step() == JobStep.AWAIT_COPY ? job.copyId() : job.sourceId();
        return job.step().isAwait() && looked.knows(region, id) ? Optional.of(looked.get(region, id)) : Optional.empty();
    }

    private Optional<Image> image(String region, String key, Lookup<Image> looked, boolean byName) {
        Lookup<Image> lookup = looked.knows(region, key) ? looked
                : Ec2Lookups.images(aws.ec2(region), region, byName ? List.of() : List.of(key),
                        byName ? List.of(key) : List.of(), new Lookup<>());
        return lookup.get(region, key);
    }

    private StepOutcome createImage(ReplicationJob job, String region, Lookup<Image> looked) {
        Ec2Client ec2 = aws.ec2(region);
        String name = job.token(context.application());
        Optional<Image> existing = image(region, name, looked, true);
        if (existing.isPresent()) {
            return new StepOutcome.Advance(JobStep.AWAIT_SOURCE, existing.get().imageId(), null, null);
        }
        ProtectedResourceConfig resource = context.resource(job.resourceId());
        var tags = RecoveryPointTags.forSource(context, job, resource.resourceId());
        String imageId = ec2.createImage(r -> r.instanceId(resource.resourceId()).name(name)
                .noReboot(resource.noRebootOrDefault())
                .description("drc recovery point of " + job.resourceId())
                .tagSpecifications(Ec2Tagging.spec(ResourceType.IMAGE, tags), Ec2Tagging.spec(ResourceType.SNAPSHOT, tags)))
                .imageId();
        return new StepOutcome.Advance(JobStep.AWAIT_SOURCE, imageId, null, null);
    }

    private StepOutcome copyImage(ReplicationJob job, String sourceRegion) {
        String token = job.copyToken(context.application());
        String kmsKeyId = context.resource(job.resourceId()).kmsKeyId();
        var tags = RecoveryPointTags.forCopy(context, job, context.resource(job.resourceId()).resourceId());
        // The ClientToken makes a repeated call answer with the first call's image: no look-up needed.
        String copyId = aws.ec2(context.drRegion()).copyImage(r -> {
            r.sourceRegion(sourceRegion).sourceImageId(job.sourceId()).name(token).clientToken(token)
                    .description("drc copy of " + job.sourceId() + " from " + sourceRegion)
                    .tagSpecifications(Ec2Tagging.spec(ResourceType.IMAGE, tags),
                            Ec2Tagging.spec(ResourceType.SNAPSHOT, tags));
            if (kmsKeyId != null) {
                r.encrypted(true).kmsKeyId(kmsKeyId);
            }
        }).imageId();
        return new StepOutcome.Advance(JobStep.AWAIT_COPY, null, null, copyId);
    }

    /** The copy and its snapshots are tagged at birth: after it, only the DR launch templates, if any. */
    private JobStep afterCopy() {
        return context.drLaunchTemplates().isEmpty() ? JobStep.DONE : JobStep.UPDATE_LAUNCH_TEMPLATES;
    }

    private StepOutcome awaitImage(String region, String imageId, JobStep next, boolean isSource, Lookup<Image> looked) {
        Optional<Image> found = image(region, imageId, looked, false);
        if (found.isEmpty()) {
            return new StepOutcome.Retry(StepOutcome.ErrorClass.RESOURCE,
                    "InvalidAMIID.NotFound: image " + imageId + " is no longer in " + region);
        }
        Image image = found.get();
        Instant created = Instant.parse(image.creationDate());
        if (image.state() == ImageState.AVAILABLE) {
            // Its snapshots are recorded with the point: retention deletes them with it, and the dry run names them.
            return (isSource ? new StepOutcome.Advance(next, null, created, null) : StepOutcome.Advance.to(next))
                    .since(created).withSnapshots(snapshotsOf(image));
        }
        if (image.state() == ImageState.FAILED || image.state() == ImageState.ERROR) {
            String error = "image " + imageId + " in " + region + " ended in " + image.stateAsString()
                    + (image.stateReason() != null ? ": " + image.stateReason().code() + ": "
                    + image.stateReason().message() : "");
            return isSource ? new StepOutcome.Fail(error) : FailedCopies.discard(this, region, imageId, error, looked);
        }
        return StepOutcome.Wait.since(created);
    }

    /**
     * Only for a job an older drc stored in this step (it copied with the image's tags alone): its copy's snapshots
     * get drc's tags here. Copies now carry them from CopyImage's TagSpecifications.
     */
    private StepOutcome tagCopy(ReplicationJob job, Lookup<Image> looked) {
        Ec2Client dr = aws.ec2(context.drRegion());
        Image copy = image(context.drRegion(), job.copyId(), looked, false).orElseThrow(() -> new IllegalStateException(
                "image " + job.copyId() + " is no longer in " + context.drRegion()));
        List<String> resources = new ArrayList<>(snapshotsOf(copy));
        resources.add(copy.imageId());
        var tags = RecoveryPointTags.forCopy(context, job, context.resource(job.resourceId()).resourceId());
        dr.createTags(r -> r.resources(resources).tags(Ec2Tagging.tags(tags)));
        return StepOutcome.Advance.to(afterCopy());
    }

    private static List<String> snapshotsOf(Image image) {
        return image.blockDeviceMappings().stream().map(BlockDeviceMapping::ebs)
                .filter(ebs -> ebs != null && ebs.snapshotId() != null).map(ebs -> ebs.snapshotId()).toList();
    }

    @Override
    public List<ObservedRecoveryPoint> observe(String region) {
        return aws.ec2(region).describeImagesPaginator(r -> r.owners("self").filters(Ec2Tagging.owned(context.application())))
                .images().stream()
                .map(image -> toPoint(region, image))
                .filter(p -> p != null)
                .toList();
    }

    private ObservedRecoveryPoint toPoint(String region, Image image) {
        var tags = Ec2Tagging.map(image.tags());
        String resourceId = tags.get(DrcTags.RESOURCE);
        if (resourceId == null || !context.isProtected(resourceId)
                || context.resource(resourceId).kind() != ResourceKind.EC2_INSTANCE) {
            return null;
        }
        RecoveryPointState state = switch (image.state()) {
            case AVAILABLE -> RecoveryPointState.COMPLETED;
            case FAILED, ERROR, DEREGISTERED, INVALID -> RecoveryPointState.FAILED;
            default -> RecoveryPointState.PENDING;
        };
        // An available image's mappings name its snapshots: this fills in points recorded before drc kept them.
        return new ObservedRecoveryPoint(resourceId, ResourceKind.EC2_INSTANCE, region,
                RecoveryPointTags.sourceTime(tags, Instant.parse(image.creationDate())),
                state == RecoveryPointState.COMPLETED ? clock.instant() : null, state, image.imageId(),
                state == RecoveryPointState.COMPLETED ? snapshotsOf(image) : null);
    }

    @Override
    public Lookup<Image> lookPoints(String region, Collection<String> awsIds) {
        return Ec2Lookups.images(aws.ec2(region), region, awsIds, List.of(), new Lookup<>());
    }

    /**
     * DeregisterImage with {@code DeleteAssociatedSnapshots}: its snapshots, which AWS would otherwise keep (and
     * bill), go in the same call; AWS keeps one another AMI uses (that AMI's retention deletes it). An endpoint that
     * answers without per-snapshot results ignored the parameter: the snapshots are deleted one call each.
     */
    @Override
    public Optional<Deleted> deleteIfOwned(String region, String awsId, Lookup<Image> looked) {
        Optional<Image> found = image(region, awsId, looked, false);
        if (found.isEmpty() || !RecoveryPointTags.ownedBy(Ec2Tagging.map(found.get().tags()), context.application())) {
            return Optional.empty();
        }
        Ec2Client ec2 = aws.ec2(region);
        List<String> snapshots = snapshotsOf(found.get());
        var answer = ec2.deregisterImage(r -> r.imageId(awsId).deleteAssociatedSnapshots(true));
        if (!answer.hasDeleteSnapshotResults()) {
            // An endpoint that ignored DeleteAssociatedSnapshots: the snapshots one by one.
            snapshots.forEach(snapshotId -> ec2.deleteSnapshot(r -> r.snapshotId(snapshotId)));
            return Optional.of(new Deleted(snapshots, List.of()));
        }
        List<String> deleted = new ArrayList<>();
        List<String> kept = new ArrayList<>();
        for (DeleteSnapshotReturnCode result : answer.deleteSnapshotResults()) {
            (result.returnCode() == SnapshotReturnCodes.SUCCESS ? deleted : kept).add(result.snapshotId());
        }
        return Optional.of(new Deleted(deleted, kept));
    }
}
