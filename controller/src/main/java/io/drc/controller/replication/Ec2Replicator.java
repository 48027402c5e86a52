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
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.BlockDeviceMapping;
import software.amazon.awssdk.services.ec2.model.Image;
import software.amazon.awssdk.services.ec2.model.ImageState;
import software.amazon.awssdk.services.ec2.model.ResourceType;

/**
 * EC2 instance → CreateImage (name = the job's token) → available → CopyImage into DR (ClientToken = the token)
 * → available → tags on the copy and its snapshots → DR launch templates' default version on the new AMI
 * ({@link LaunchTemplatePointer}).
 */
public final class Ec2Replicator implements KindReplicator {
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

    @Override
    public StepOutcome advance(ReplicationJob job) {
        String sourceRegion = context.regionOf(job.resourceId());
        return switch (job.step()) {
            case CREATE_SOURCE -> createImage(job, sourceRegion);
            case AWAIT_SOURCE -> awaitImage(sourceRegion, job.sourceId(), JobStep.COPY, true);
            case COPY -> copyImage(job, sourceRegion);
            case AWAIT_COPY -> awaitImage(context.drRegion(), job.copyId(), JobStep.TAG_COPY, false);
            case TAG_COPY -> tagCopy(job);
            case UPDATE_LAUNCH_TEMPLATES -> {
                launchTemplates.pointAt(job.copyId(), job.token(context.application()));
                yield StepOutcome.Advance.to(JobStep.DONE);
            }
            default -> StepOutcome.Advance.to(JobStep.DONE);
        };
    }

    private StepOutcome createImage(ReplicationJob job, String region) {
        Ec2Client ec2 = aws.ec2(region);
        String name = job.token(context.application());
        Optional<Image> existing = ec2.describeImages(r -> r.owners("self").filters(f -> f.name("name").values(name)))
                .images().stream().findFirst();
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
                    .tagSpecifications(Ec2Tagging.spec(ResourceType.IMAGE, tags));
            if (kmsKeyId != null) {
                r.encrypted(true).kmsKeyId(kmsKeyId);
            }
        }).imageId();
        return new StepOutcome.Advance(JobStep.AWAIT_COPY, null, null, copyId);
    }

    private StepOutcome awaitImage(String region, String imageId, JobStep next, boolean isSource) {
        Image image = aws.ec2(region).describeImages(r -> r.imageIds(imageId)).images().get(0);
        if (image.state() == ImageState.AVAILABLE) {
            return isSource ? new StepOutcome.Advance(next, null, Instant.parse(image.creationDate()), null)
                    : StepOutcome.Advance.to(next);
        }
        if (image.state() == ImageState.FAILED || image.state() == ImageState.ERROR) {
            String error = "image " + imageId + " in " + region + " ended in " + image.stateAsString()
                    + (image.stateReason() != null ? ": " + image.stateReason().code() + ": "
                    + image.stateReason().message() : "");
            return isSource ? new StepOutcome.Fail(error) : FailedCopies.discard(this, region, imageId, error);
        }
        return new StepOutcome.Wait();
    }

    /** AWS does not copy tags: the copy's snapshots get drc's tags here, so retention can find them. */
    private StepOutcome tagCopy(ReplicationJob job) {
        Ec2Client dr = aws.ec2(context.drRegion());
        Image copy = dr.describeImages(r -> r.imageIds(job.copyId())).images().get(0);
        List<String> resources = new ArrayList<>(snapshotsOf(copy));
        resources.add(copy.imageId());
        var tags = RecoveryPointTags.forCopy(context, job, context.resource(job.resourceId()).resourceId());
        dr.createTags(r -> r.resources(resources).tags(Ec2Tagging.tags(tags)));
        return StepOutcome.Advance.to(context.drLaunchTemplates().isEmpty() ? JobStep.DONE
                : JobStep.UPDATE_LAUNCH_TEMPLATES);
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
        return new ObservedRecoveryPoint(resourceId, ResourceKind.EC2_INSTANCE, region,
                RecoveryPointTags.sourceTime(tags, Instant.parse(image.creationDate())),
                state == RecoveryPointState.COMPLETED ? clock.instant() : null, state, image.imageId());
    }

    /** DeregisterImage together with its snapshots, which AWS would otherwise keep (and bill). */
    @Override
    public boolean deleteIfOwned(String region, String awsId) {
        Ec2Client ec2 = aws.ec2(region);
        List<Image> found = ec2.describeImages(r -> r.imageIds(awsId)).images();
        if (found.isEmpty() || !RecoveryPointTags.ownedBy(Ec2Tagging.map(found.get(0).tags()), context.application())) {
            return false;
        }
        List<String> snapshots = snapshotsOf(found.get(0));
        ec2.deregisterImage(r -> r.imageId(awsId));
        snapshots.forEach(snapshotId -> ec2.deleteSnapshot(r -> r.snapshotId(snapshotId)));
        return true;
    }
}
