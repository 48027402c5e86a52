package io.drc.controller.replication;

import io.drc.controller.api.ObservedRecoveryPoint;
import io.drc.controller.core.ResourceKind;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * The AWS side of replicating one kind of resource. Implementations receive their SDK clients from
 * {@code AwsClients}; every method is short and never sleeps. Exceptions from AWS propagate: the engine
 * classifies them ({@link AwsErrorClassifier}) into retries.
 *
 * <p>Each tick first looks at AWS for all the jobs it is about to step ({@link #look}): a few batched describes
 * (by id list or by drc's tags, paginated) instead of one call per job; each step then reads what the look found
 * and asks AWS itself only for what was not looked for.
 *
 * @param <T> what AWS describes for this kind: an image, an EBS snapshot, a DB snapshot
 */
public interface KindReplicator<T> {

    ResourceKind kind();

    /** What AWS holds for each job's current step, in as few calls as the batch allows. */
    Lookup<T> look(List<ReplicationJob> jobs);

    /**
     * Runs the job's current step once. Must look before acting: after a restart between "call made" and
     * "result stored" the step runs again and has to find what the first run created (by deterministic
     * name, ClientToken or the {@code drc:job} tag) instead of creating a second one.
     */
    StepOutcome advance(ReplicationJob job, Lookup<T> looked);

    /**
     * True when the job awaits an image or snapshot that {@code looked} shows is no longer pending (completed,
     * failed or gone): a poll made for other copies found it done early, so its job is stepped at once.
     */
    boolean isSettled(ReplicationJob job, Lookup<T> looked);

    /**
     * The {@link StepOutcome.Wait} the job's await step would give, when {@code looked} shows its image or snapshot
     * still pending (and only then; empty when the look did not see it). Pure: the engine then only sets the job's
     * next look, without claiming and stepping it.
     */
    Optional<StepOutcome.Wait> stillPending(ReplicationJob job, Lookup<T> looked);

    /** Every recovery point drc made for this application in {@code region}, as AWS sees it now. */
    List<ObservedRecoveryPoint> observe(String region);

    /** Describes these recovery points (AWS ids as the catalog holds them) in a few batched calls. */
    Lookup<T> lookPoints(String region, Collection<String> awsIds);

    /**
     * Deletes a recovery point (an AMI together with its snapshots) if, and only if, AWS says drc made it for
     * this application; empty, and left alone, otherwise. Reads the point from {@code looked} when it was looked
     * for, else describes it first.
     */
    Optional<Deleted> deleteIfOwned(String region, String awsId, Lookup<T> looked);

    /**
     * What went with a deleted point, as AWS answered: {@code alsoDeleted}, an AMI's snapshots deleted in the same
     * call; {@code keptByAws}, snapshots of it AWS kept because another AMI uses them.
     */
    record Deleted(List<String> alsoDeleted, List<String> keptByAws) {
        /** A point deleted alone (an EBS or RDS snapshot). */
        public static final Deleted ALONE = new Deleted(List.of(), List.of());

        public Deleted {
            alsoDeleted = List.copyOf(alsoDeleted);
            keptByAws = List.copyOf(keptByAws);
        }
    }
}
