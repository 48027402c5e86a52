package io.drc.controller.replication;

import io.drc.controller.api.ObservedRecoveryPoint;
import io.drc.controller.api.RecoveryPointState;
import io.drc.controller.core.ResourceKind;
import io.drc.strategies.aws.AwsClients;
import io.drc.strategies.aws.DrcTags;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.Snapshot;
import software.amazon.awssdk.services.ec2.model.SnapshotState;

/**
 * EBS volume → CreateSnapshot → completed → CopySnapshot into DR → completed. CopySnapshot has no ClientToken,
 * so both snapshots are tagged at birth with the job's token and looked for by it before any create.
 */
public final class EbsReplicator implements KindReplicator {
    private final AwsClients aws;
    private final ReplicationContext context;
    private final Clock clock;

    public EbsReplicator(AwsClients aws, ReplicationContext context, Clock clock) {
        this.aws = aws;
        this.context = context;
        this.clock = clock;
    }

    @Override
    public ResourceKind kind() {
        return ResourceKind.EBS_VOLUME;
    }

    @Override
    public StepOutcome advance(ReplicationJob job) {
        String sourceRegion = context.regionOf(job.resourceId());
        return switch (job.step()) {
            case CREATE_SOURCE -> createSource(job, sourceRegion);
            case AWAIT_SOURCE -> awaitSnapshot(sourceRegion, job.sourceId(), JobStep.COPY, true);
            case COPY -> startCopy(job, sourceRegion);
            case AWAIT_COPY -> awaitSnapshot(context.drRegion(), job.copyId(), JobStep.DONE, false);
            default -> StepOutcome.Advance.to(JobStep.DONE);
        };
    }

    private StepOutcome createSource(ReplicationJob job, String region) {
        Ec2Client ec2 = aws.ec2(region);
        String token = job.token(context.application());
        Optional<Snapshot> existing = byToken(ec2, token);
        if (existing.isPresent()) {
            return new StepOutcome.Advance(JobStep.AWAIT_SOURCE, existing.get().snapshotId(), null, null);
        }
        String volumeId = context.resource(job.resourceId()).resourceId();
        String snapshotId = ec2.createSnapshot(r -> r.volumeId(volumeId).description("drc " + token)
                .tagSpecifications(Ec2Tagging.spec(ResourceType.SNAPSHOT, RecoveryPointTags.forSource(context, job, volumeId))))
                .snapshotId();
        return new StepOutcome.Advance(JobStep.AWAIT_SOURCE, snapshotId, null, null);
    }

    private StepOutcome startCopy(ReplicationJob job, String sourceRegion) {
        Ec2Client dr = aws.ec2(context.drRegion());
        String token = job.token(context.application());
        Optional<Snapshot> existing = byToken(dr, token);
        if (existing.isPresent()) {
            return new StepOutcome.Advance(JobStep.AWAIT_COPY, null, null, existing.get().snapshotId());
        }
        String volumeId = context.resource(job.resourceId()).resourceId();
        String kmsKeyId = context.resource(job.resourceId()).kmsKeyId();
        String copyId = dr.copySnapshot(r -> {
            r.sourceRegion(sourceRegion).sourceSnapshotId(job.sourceId())
                    // Explicit: with an endpoint override the SDK cannot read it from the host name.
                    .destinationRegion(context.drRegion())
                    .description("drc copy of " + job.sourceId() + " from " + sourceRegion)
                    .tagSpecifications(Ec2Tagging.spec(ResourceType.SNAPSHOT,
                            RecoveryPointTags.forCopy(context, job, volumeId)));
            if (kmsKeyId != null) {
                r.encrypted(true).kmsKeyId(kmsKeyId);
            }
        }).snapshotId();
        return new StepOutcome.Advance(JobStep.AWAIT_COPY, null, null, copyId);
    }

    private StepOutcome awaitSnapshot(String region, String snapshotId, JobStep next, boolean isSource) {
        Snapshot snapshot = aws.ec2(region).describeSnapshots(r -> r.snapshotIds(snapshotId)).snapshots().get(0);
        if (snapshot.state() == SnapshotState.COMPLETED) {
            return isSource ? new StepOutcome.Advance(next, null, snapshot.startTime(), null) : StepOutcome.Advance.to(next);
        }
        if (snapshot.state() == SnapshotState.ERROR) {
            String error = "snapshot " + snapshotId + " in " + region + " ended in error"
                    + (snapshot.stateMessage() != null ? ": " + snapshot.stateMessage() : "");
            return isSource ? new StepOutcome.Fail(error) : FailedCopies.discard(this, region, snapshotId, error);
        }
        return new StepOutcome.Wait();
    }

    private static Optional<Snapshot> byToken(Ec2Client ec2, String token) {
        return ec2.describeSnapshots(r -> r.ownerIds("self").filters(Ec2Tagging.tag(DrcTags.JOB, token)))
                .snapshots().stream().filter(s -> s.state() != SnapshotState.ERROR).findFirst();
    }

    @Override
    public List<ObservedRecoveryPoint> observe(String region) {
        return aws.ec2(region).describeSnapshotsPaginator(r -> r.ownerIds("self")
                        .filters(Ec2Tagging.owned(context.application())))
                .snapshots().stream()
                .map(s -> toPoint(region, s))
                .filter(p -> p != null)
                .toList();
    }

    private ObservedRecoveryPoint toPoint(String region, Snapshot snapshot) {
        var tags = Ec2Tagging.map(snapshot.tags());
        String resourceId = tags.get(DrcTags.RESOURCE);
        if (resourceId == null || !context.isProtected(resourceId)
                || context.resource(resourceId).kind() != ResourceKind.EBS_VOLUME) {
            return null;
        }
        RecoveryPointState state = switch (snapshot.state()) {
            case COMPLETED -> RecoveryPointState.COMPLETED;
            case ERROR -> RecoveryPointState.FAILED;
            default -> RecoveryPointState.PENDING;
        };
        return new ObservedRecoveryPoint(resourceId, ResourceKind.EBS_VOLUME, region,
                RecoveryPointTags.sourceTime(tags, snapshot.startTime()),
                state == RecoveryPointState.COMPLETED ? clock.instant() : null, state, snapshot.snapshotId());
    }

    @Override
    public boolean deleteIfOwned(String region, String awsId) {
        Ec2Client ec2 = aws.ec2(region);
        List<Snapshot> found = ec2.describeSnapshots(r -> r.snapshotIds(awsId)).snapshots();
        if (found.isEmpty() || !RecoveryPointTags.ownedBy(Ec2Tagging.map(found.get(0).tags()), context.application())) {
            return false;
        }
        ec2.deleteSnapshot(r -> r.snapshotId(awsId));
        return true;
    }
}
