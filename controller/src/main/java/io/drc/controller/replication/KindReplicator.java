package io.drc.controller.replication;

import io.drc.controller.api.ObservedRecoveryPoint;
import io.drc.controller.core.ResourceKind;
import java.util.List;

/**
 * The AWS side of replicating one kind of resource. Implementations receive their SDK clients from
 * {@code AwsClients}; every method is short and never sleeps. Exceptions from AWS propagate: the engine
 * classifies them ({@link AwsErrorClassifier}) into retries.
 */
public interface KindReplicator {

    ResourceKind kind();

    /**
     * Runs the job's current step once. Must look before acting: after a restart between "call made" and
     * "result stored" the step runs again and has to find what the first run created (by deterministic
     * name, ClientToken or the {@code drc:job} tag) instead of creating a second one.
     */
    StepOutcome advance(ReplicationJob job);

    /** Every recovery point drc made for this application in {@code region}, as AWS sees it now. */
    List<ObservedRecoveryPoint> observe(String region);

    /**
     * Deletes a recovery point (an AMI together with its snapshots) if, and only if, AWS says drc made it for
     * this application; returns false and leaves it alone otherwise.
     */
    boolean deleteIfOwned(String region, String awsId);
}
