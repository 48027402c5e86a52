package io.drc.controller.replication;

import io.drc.controller.api.ObservedRecoveryPoint;
import io.drc.controller.api.RecoveryPointState;
import io.drc.controller.core.ResourceKind;
import io.drc.strategies.aws.AwsClients;
import io.drc.strategies.aws.DrcTags;
import java.time.Clock;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.rds.RdsClient;
import software.amazon.awssdk.services.rds.model.DBSnapshot;
import software.amazon.awssdk.services.rds.model.DbSnapshotAlreadyExistsException;
import software.amazon.awssdk.services.rds.model.Tag;

/**
 * RDS instance → CreateDBSnapshot → available → CopyDBSnapshot into DR → available. RDS has no ClientToken: the
 * snapshot identifiers, both the job's token, are the idempotency keys; "already exists" means look again.
 */
public final class RdsReplicator implements KindReplicator<DBSnapshot> {
    /** RDS's page size range is 20 to 100. */
    static final int PAGE = 100;
    static final int MAX_FILTER_VALUES = 100;
    private static final Set<String> SETTLED = Set.of("available", "failed", "error", "incompatible-restore");

    private final AwsClients aws;
    private final ReplicationContext context;
    private final Clock clock;

    public RdsReplicator(AwsClients aws, ReplicationContext context, Clock clock) {
        this.aws = aws;
        this.context = context;
        this.clock = clock;
    }

    @Override
    public ResourceKind kind() {
        return ResourceKind.RDS_INSTANCE;
    }

    /** Per region: the DB snapshots named by the jobs' tokens, whatever the step (RDS identifiers are the keys). */
    @Override
    public Lookup<DBSnapshot> look(List<ReplicationJob> jobs) {
        Map<String, Set<String>> identifiers = new HashMap<>();
        for (ReplicationJob job : jobs) {
            String sourceRegion = context.regionOf(job.resourceId());
            String token = job.token(context.application());
            switch (job.step()) {
                case CREATE_SOURCE, AWAIT_SOURCE -> EbsReplicator.add(identifiers, sourceRegion, token);
                case COPY -> {
                    EbsReplicator.add(identifiers, sourceRegion, token);
                    EbsReplicator.add(identifiers, context.drRegion(), job.copyToken(context.application()));
                }
                case AWAIT_COPY -> EbsReplicator.add(identifiers, context.drRegion(), job.copyToken(context.application()));
                default -> { }
            }
        }
        Lookup<DBSnapshot> lookup = new Lookup<>();
        identifiers.forEach((region, ids) -> describe(region, ids, lookup));
        return lookup;
    }

    /**
     * By filter, not by DBSnapshotIdentifier: asked by identifier, RDS answers a look-before-create with a
     * DBSnapshotNotFound error, which the benchmark counted as refused calls; a filter answers an empty list.
     */
    private Lookup<DBSnapshot> describe(String region, Collection<String> identifiers, Lookup<DBSnapshot> into) {
        into.asked(region, identifiers);
        RdsClient rds = aws.rds(region);
        for (List<String> chunk : chunks(identifiers)) {
            rds.describeDBSnapshotsPaginator(r -> r.filters(f -> f.name("db-snapshot-id").values(chunk)).maxRecords(PAGE))
                    .dbSnapshots().forEach(s -> into.found(region, s.dbSnapshotIdentifier(), s));
        }
        return into;
    }

    private static List<List<String>> chunks(Collection<String> values) {
        List<String> all = List.copyOf(values);
        List<List<String>> out = new java.util.ArrayList<>();
        for (int i = 0; i < all.size(); i += MAX_FILTER_VALUES) {
            out.add(all.subList(i, Math.min(all.size(), i + MAX_FILTER_VALUES)));
        }
        return out;
    }

    private Optional<DBSnapshot> find(String region, String identifier, Lookup<DBSnapshot> looked) {
        Lookup<DBSnapshot> lookup = looked.knows(region, identifier) ? looked
                : describe(region, List.of(identifier), new Lookup<>());
        return lookup.get(region, identifier);
    }

    @Override
    public StepOutcome advance(ReplicationJob job, Lookup<DBSnapshot> looked) {
        String sourceRegion = context.regionOf(job.resourceId());
        String token = job.token(context.application());
        return switch (job.step()) {
            case CREATE_SOURCE -> createSnapshot(job, sourceRegion, token, looked);
            case AWAIT_SOURCE -> awaitSnapshot(sourceRegion, token, JobStep.COPY, true, looked);
            case COPY -> copySnapshot(job, sourceRegion, token, job.copyToken(context.application()), looked);
            case AWAIT_COPY -> awaitSnapshot(context.drRegion(), job.copyToken(context.application()), JobStep.DONE,
                    false, looked);
            default -> StepOutcome.Advance.to(JobStep.DONE);
        };
    }

    @Override
    public boolean isSettled(ReplicationJob job, Lookup<DBSnapshot> looked) {
        return awaited(job, looked).map(found -> found.map(s -> SETTLED.contains(s.status())).orElse(true))
                .orElse(false);
    }

    @Override
    public Optional<StepOutcome.Wait> stillPending(ReplicationJob job, Lookup<DBSnapshot> looked) {
        return awaited(job, looked).flatMap(found -> found).filter(s -> s.status() != null && !SETTLED.contains(s.status()))
                .map(s -> StepOutcome.Wait.since(s.snapshotCreateTime()));
    }

    /** What the look saw of the DB snapshot the job awaits (inner empty: gone); empty when it did not look for it. */
    private Optional<Optional<DBSnapshot>> awaited(ReplicationJob job, Lookup<DBSnapshot> looked) {
        String region = job.step() == JobStep.AWAIT_COPY ? context.drRegion() : context.regionOf(job.resourceId());
        String id = job.step() == JobStep.AWAIT_COPY ? job.copyToken(context.application())
                : job.token(context.application());
        return job.step().isAwait() && looked.knows(region, id) ? Optional.of(looked.get(region, id)) : Optional.empty();
    }

    private StepOutcome createSnapshot(ReplicationJob job, String region, String token, Lookup<DBSnapshot> looked) {
        RdsClient rds = aws.rds(region);
        Optional<DBSnapshot> existing = find(region, token, looked);
        if (existing.isEmpty()) {
            String instanceId = context.resource(job.resourceId()).resourceId();
            try {
                rds.createDBSnapshot(r -> r.dbInstanceIdentifier(instanceId).dbSnapshotIdentifier(token)
                        .tags(tags(RecoveryPointTags.forSource(context, job, instanceId))));
            } catch (DbSnapshotAlreadyExistsException raced) {
                // Made by an earlier run of this step: the identifier is ours.
            }
        }
        return new StepOutcome.Advance(JobStep.AWAIT_SOURCE, token, null, null);
    }

    /** The copy's identifier is {@link ReplicationJob#copyToken}: a copy made again after a failed one needs its own. */
    private StepOutcome copySnapshot(ReplicationJob job, String sourceRegion, String token, String copyToken,
                                     Lookup<DBSnapshot> looked) {
        String copyArn = find(context.drRegion(), copyToken, looked).map(DBSnapshot::dbSnapshotArn)
                .orElseGet(() -> startCopy(job, sourceRegion, token, copyToken, looked));
        return new StepOutcome.Advance(JobStep.AWAIT_COPY, null, null, copyArn);
    }

    private String startCopy(ReplicationJob job, String sourceRegion, String token, String copyToken,
                             Lookup<DBSnapshot> looked) {
        RdsClient dr = aws.rds(context.drRegion());
        DBSnapshot source = find(sourceRegion, token, looked).orElseThrow(() -> new IllegalStateException(
                "source snapshot " + token + " vanished from " + sourceRegion + " before it was copied"));
        String kmsKeyId = context.resource(job.resourceId()).kmsKeyId();
        var tags = RecoveryPointTags.forCopy(context, job, context.resource(job.resourceId()).resourceId());
        try {
            return dr.copyDBSnapshot(r -> {
                // sourceRegion makes the SDK presign the cross-region request (PreSignedUrl).
                r.sourceDBSnapshotIdentifier(source.dbSnapshotArn()).targetDBSnapshotIdentifier(copyToken)
                        .sourceRegion(sourceRegion).tags(tags(tags));
                if (Boolean.TRUE.equals(source.encrypted()) || kmsKeyId != null) {
                    r.kmsKeyId(kmsKeyId);
                }
            }).dbSnapshot().dbSnapshotArn();
        } catch (DbSnapshotAlreadyExistsException raced) {
            // Started by an earlier run of this step: the identifier is ours.
            return describe(context.drRegion(), List.of(copyToken), new Lookup<>()).get(context.drRegion(), copyToken)
                    .map(DBSnapshot::dbSnapshotArn).orElseThrow(() -> raced);
        }
    }

    private StepOutcome awaitSnapshot(String region, String token, JobStep next, boolean isSource,
                                      Lookup<DBSnapshot> looked) {
        Optional<DBSnapshot> snapshot = find(region, token, looked);
        if (snapshot.isEmpty()) {
            return new StepOutcome.Fail("DB snapshot " + token + " disappeared from " + region);
        }
        String status = snapshot.get().status();
        if ("available".equals(status)) {
            return (isSource ? new StepOutcome.Advance(next, snapshot.get().dbSnapshotArn(),
                    snapshot.get().snapshotCreateTime(), null) : StepOutcome.Advance.to(next))
                    .since(snapshot.get().snapshotCreateTime());
        }
        if ("failed".equals(status) || "error".equals(status) || "incompatible-restore".equals(status)) {
            String error = "DB snapshot " + token + " in " + region + " ended in " + status;
            return isSource ? new StepOutcome.Fail(error)
                    : FailedCopies.discard(this, region, snapshot.get().dbSnapshotArn(), error, looked);
        }
        return StepOutcome.Wait.since(snapshot.get().snapshotCreateTime());
    }

    private static List<Tag> tags(Map<String, String> tags) {
        return tags.entrySet().stream().map(e -> Tag.builder().key(e.getKey()).value(e.getValue()).build()).toList();
    }

    /** DescribeDBSnapshots cannot filter by tag: manual snapshots are listed and drc's picked by their TagList. */
    @Override
    public List<ObservedRecoveryPoint> observe(String region) {
        return aws.rds(region).describeDBSnapshotsPaginator(r -> r.snapshotType("manual")).dbSnapshots().stream()
                .map(s -> toPoint(region, s)).filter(p -> p != null).toList();
    }

    private ObservedRecoveryPoint toPoint(String region, DBSnapshot snapshot) {
        Map<String, String> tags = snapshot.tagList().stream().collect(Collectors.toMap(Tag::key, Tag::value, (a, b) -> b));
        String resourceId = tags.get(DrcTags.RESOURCE);
        if (!RecoveryPointTags.ownedBy(tags, context.application()) || resourceId == null || !context.isProtected(resourceId)
                || context.resource(resourceId).kind() != ResourceKind.RDS_INSTANCE) {
            return null;
        }
        RecoveryPointState state = switch (snapshot.status()) {
            case "available" -> RecoveryPointState.COMPLETED;
            case "failed", "error" -> RecoveryPointState.FAILED;
            default -> RecoveryPointState.PENDING;
        };
        // On a copy SnapshotCreateTime is the copy's; the data's time is OriginalSnapshotCreateTime.
        var sourceTime = snapshot.originalSnapshotCreateTime() != null ? snapshot.originalSnapshotCreateTime()
                : snapshot.snapshotCreateTime();
        return new ObservedRecoveryPoint(resourceId, ResourceKind.RDS_INSTANCE, region,
                RecoveryPointTags.sourceTime(tags, sourceTime), state == RecoveryPointState.COMPLETED ? clock.instant() : null,
                state, snapshot.dbSnapshotArn());
    }

    @Override
    public Lookup<DBSnapshot> lookPoints(String region, Collection<String> awsIds) {
        return describe(region, awsIds.stream().map(RdsReplicator::identifier).toList(), new Lookup<>());
    }

    private static String identifier(String arn) {
        return arn.substring(arn.lastIndexOf(':') + 1);
    }

    @Override
    public Optional<Deleted> deleteIfOwned(String region, String awsId, Lookup<DBSnapshot> looked) {
        String identifier = identifier(awsId);
        Optional<DBSnapshot> found = find(region, identifier, looked);
        if (found.isEmpty() || !RecoveryPointTags.ownedBy(found.get().tagList().stream()
                .collect(Collectors.toMap(Tag::key, Tag::value, (a, b) -> b)), context.application())) {
            return Optional.empty();
        }
        aws.rds(region).deleteDBSnapshot(r -> r.dbSnapshotIdentifier(identifier));
        return Optional.of(Deleted.ALONE);
    }
}
