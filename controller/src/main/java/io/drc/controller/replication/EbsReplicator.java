package io.drc.controller.replication;

import io.drc.controller.api.ObservedRecoveryPoint;
import io.drc.controller.api.RecoveryPointState;
import io.drc.controller.core.ResourceKind;
import io.drc.strategies.aws.AwsClients;
import io.drc.strategies.aws.DrcTags;
import java.time.Clock;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.Snapshot;
import software.amazon.awssdk.services.ec2.model.SnapshotState;

/**
 * EBS volume → CreateSnapshot → completed → CopySnapshot into DR → completed. CopySnapshot has no ClientToken,
 * so both snapshots are tagged at birth with the job's token and looked for by it before any create.
 */
public final class EbsReplicator implements KindReplicator<Snapshot> {
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

    /** Per region: the snapshots awaited (by id) and the ones about to be made (by their job's tag). */
    @Override
    public Lookup<Snapshot> look(List<ReplicationJob> jobs) {
        Map<String, Set<String>> ids = new HashMap<>();
        Map<String, Set<String>> tokens = new HashMap<>();
        for (ReplicationJob job : jobs) {
            String sourceRegion = context.regionOf(job.resourceId());
            switch (job.step()) {
                case CREATE_SOURCE -> add(tokens, sourceRegion, job.token(context.application()));
                case AWAIT_SOURCE -> add(ids, sourceRegion, job.sourceId());
                case COPY -> add(tokens, context.drRegion(), job.token(context.application()));
                case AWAIT_COPY -> add(ids, context.drRegion(), job.copyId());
                default -> { }
            }
        }
        Lookup<Snapshot> lookup = new Lookup<>();
        Set<String> regions = new HashSet<>(ids.keySet());
        regions.addAll(tokens.keySet());
        for (String region : regions) {
            Ec2Lookups.snapshots(aws.ec2(region), region, ids.getOrDefault(region, Set.of()),
                    tokens.getOrDefault(region, Set.of()), lookup);
        }
        return lookup;
    }

    static void add(Map<String, Set<String>> byRegion, String region, String key) {
        if (key != null) {
            byRegion.computeIfAbsent(region, r -> new HashSet<>()).add(key);
        }
    }

    @Override
    public StepOutcome advance(ReplicationJob job, Lookup<Snapshot> looked) {
        String sourceRegion = context.regionOf(job.resourceId());
        return switch (job.step()) {
            case CREATE_SOURCE -> createSource(job, sourceRegion, looked);
            case AWAIT_SOURCE -> awaitSnapshot(sourceRegion, job.sourceId(), JobStep.COPY, true, looked);
            case COPY -> startCopy(job, sourceRegion, looked);
            case AWAIT_COPY -> awaitSnapshot(context.drRegion(), job.copyId(), JobStep.DONE, false, looked);
            default -> StepOutcome.Advance.to(JobStep.DONE);
        };
    }

    @Override
    public boolean isSettled(ReplicationJob job, Lookup<Snapshot> looked) {
        return awaited(job, looked).map(found -> found.map(s -> s.state() != SnapshotState.PENDING).orElse(true))
                .orElse(false);
    }

    @Override
    public Optional<StepOutcome.Wait> stillPending(ReplicationJob job, Lookup<Snapshot> looked) {
        return awaited(job, looked).flatMap(found -> found).filter(s -> s.state() == SnapshotState.PENDING)
                .map(s -> StepOutcome.Wait.since(s.startTime()));
    }

    /** What the look saw of the snapshot the job awaits (inner empty: gone); empty when it did not look for it. */
    private Optional<Optional<Snapshot>> awaited(ReplicationJob job, Lookup<Snapshot> looked) {
        String region = job.step() == JobStep.AWAIT_COPY ? context.drRegion() : context.regionOf(job.resourceId());
        String id = job.step() == JobStep.AWAIT_COPY ? job.copyId() : job.sourceId();
        return job.step().isAwait() && looked.knows(region, id) ? Optional.of(looked.get(region, id)) : Optional.empty();
    }

    private StepOutcome createSource(ReplicationJob job, String region, Lookup<Snapshot> looked) {
        Ec2Client ec2 = aws.ec2(region);
        String token = job.token(context.application());
        Optional<Snapshot> existing = byToken(ec2, region, token, looked);
        if (existing.isPresent()) {
            return new StepOutcome.Advance(JobStep.AWAIT_SOURCE, existing.get().snapshotId(), null, null);
        }
        String volumeId = context.resource(job.resourceId()).resourceId();
        String snapshotId = ec2.createSnapshot(r -> r.volumeId(volumeId).description("drc " + token)
                .tagSpecifications(Ec2Tagging.spec(ResourceType.SNAPSHOT, RecoveryPointTags.forSource(context, job, volumeId))))
                .snapshotId();
        return new StepOutcome.Advance(JobStep.AWAIT_SOURCE, snapshotId, null, null);
    }

    private StepOutcome startCopy(ReplicationJob job, String sourceRegion, Lookup<Snapshot> looked) {
        Ec2Client dr = aws.ec2(context.drRegion());
        String token = job.token(context.application());
        Optional<Snapshot> existing = byToken(dr, context.drRegion(), token, looked);
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

    private StepOutcome awaitSnapshot(String region, String snapshotId, JobStep next, boolean isSource,
                                      Lookup<Snapshot> looked) {
        Optional<Snapshot> found = looked.knows(region, snapshotId) ? looked.get(region, snapshotId)
                : Ec2Lookups.snapshots(aws.ec2(region), region, List.of(snapshotId), List.of(), new Lookup<>())
                        .get(region, snapshotId);
        if (found.isEmpty()) {
            return new StepOutcome.Retry(StepOutcome.ErrorClass.RESOURCE,
                    "InvalidSnapshot.NotFound: snapshot " + snapshotId + " is no longer in " + region);
        }
        Snapshot snapshot = found.get();
        if (snapshot.state() == SnapshotState.COMPLETED) {
            return (isSource ? new StepOutcome.Advance(next, null, snapshot.startTime(), null)
                    : StepOutcome.Advance.to(next)).since(snapshot.startTime());
        }
        if (snapshot.state() == SnapshotState.ERROR) {
            String error = "snapshot " + snapshotId + " in " + region + " ended in error"
                    + (snapshot.stateMessage() != null ? ": " + snapshot.stateMessage() : "");
            return isSource ? new StepOutcome.Fail(error) : FailedCopies.discard(this, region, snapshotId, error, looked);
        }
        return StepOutcome.Wait.since(snapshot.startTime());
    }

    private static Optional<Snapshot> byToken(Ec2Client ec2, String region, String token, Lookup<Snapshot> looked) {
        Lookup<Snapshot> lookup = looked.knows(region, token) ? looked
                : Ec2Lookups.snapshots(ec2, region, List.of(), List.of(token), new Lookup<>());
        return lookup.get(region, token);
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
    public Lookup<Snapshot> lookPoints(String region, Collection<String> awsIds) {
        return Ec2Lookups.snapshots(aws.ec2(region), region, awsIds, List.of(), new Lookup<>());
    }

    @Override
    public Optional<Deleted> deleteIfOwned(String region, String awsId, Lookup<Snapshot> looked) {
        Lookup<Snapshot> lookup = looked.knows(region, awsId) ? looked : lookPoints(region, List.of(awsId));
        Optional<Snapshot> found = lookup.get(region, awsId);
        if (found.isEmpty() || !RecoveryPointTags.ownedBy(Ec2Tagging.map(found.get().tags()), context.application())) {
            return Optional.empty();
        }
        aws.ec2(region).deleteSnapshot(r -> r.snapshotId(awsId));
        return Optional.of(Deleted.ALONE);
    }
}
