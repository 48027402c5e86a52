package io.drc.controller.replication;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a replicator does with a DR copy that ended in {@code error} / {@code failed}: delete it (AWS keeps failed
 * snapshots and AMIs, and RDS counts failed snapshots against its quota) and report the failure so the job
 * copies again. The delete is best effort: the failure is what the job must record either way.
 */
final class FailedCopies {
    private static final Logger LOG = LoggerFactory.getLogger(FailedCopies.class);

    private FailedCopies() {}

    static <T> StepOutcome discard(KindReplicator<T> replicator, String region, String awsId, String error,
                                   Lookup<T> looked) {
        try {
            replicator.deleteIfOwned(region, awsId, looked);
        } catch (RuntimeException e) {
            LOG.warn("cannot delete the failed copy {} in {}; reconciliation will find it: {}", awsId, region,
                    e.getMessage());
        }
        return new StepOutcome.CopyFailed(error);
    }
}
