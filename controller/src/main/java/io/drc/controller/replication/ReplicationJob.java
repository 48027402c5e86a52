package io.drc.controller.replication;

import io.drc.controller.core.ResourceKind;
import java.time.Instant;

/**
 * One copy of one protected resource into the DR region, as persisted in {@code replication_jobs}.
 *
 * @param sourceId     the image / snapshot in the source region once created
 * @param sourceTime   when the source captured the data: the recovery point's source time
 * @param copyId       the copy in the DR region once started
 * @param copyFailures this job's copies that ended in {@code error}/{@code failed}; the next copy gets its own
 *                     idempotency key ({@link #copyToken})
 * @param attempts     failed attempts of the current step (reset when a step succeeds)
 * @param version      optimistic lock: an update applies only to the version it read
 */
public record ReplicationJob(long id, String resourceId, ResourceKind kind, JobStep step, String sourceId,
                             Instant sourceTime, String copyId, int copyFailures, int attempts, Instant nextAttemptAt,
                             String lastError, Instant createdAt, Instant updatedAt, int version) {

    public ReplicationJob withStep(JobStep newStep) {
        return new ReplicationJob(id, resourceId, kind, newStep, sourceId, sourceTime, copyId, copyFailures, attempts,
                nextAttemptAt, lastError, createdAt, updatedAt, version);
    }

    public ReplicationJob withSource(String newSourceId, Instant newSourceTime) {
        return new ReplicationJob(id, resourceId, kind, step, newSourceId, newSourceTime, copyId, copyFailures,
                attempts, nextAttemptAt, lastError, createdAt, updatedAt, version);
    }

    public ReplicationJob withCopy(String newCopyId) {
        return new ReplicationJob(id, resourceId, kind, step, sourceId, sourceTime, newCopyId, copyFailures, attempts,
                nextAttemptAt, lastError, createdAt, updatedAt, version);
    }

    /** The copy ended in error: forget it, count it, and go back to COPY for a new one. */
    public ReplicationJob withFailedCopy() {
        return new ReplicationJob(id, resourceId, kind, JobStep.COPY, sourceId, sourceTime, null, copyFailures + 1,
                attempts, nextAttemptAt, lastError, createdAt, updatedAt, version);
    }

    public ReplicationJob withAttempt(int newAttempts, Instant next, String error) {
        return new ReplicationJob(id, resourceId, kind, step, sourceId, sourceTime, copyId, copyFailures, newAttempts,
                next, error, createdAt, updatedAt, version);
    }

    /** The same job as stored after an update at {@code now}. */
    public ReplicationJob stored(Instant now) {
        return new ReplicationJob(id, resourceId, kind, step, sourceId, sourceTime, copyId, copyFailures, attempts,
                nextAttemptAt, lastError, createdAt, now, version + 1);
    }

    /** drc's deterministic name for what this job creates: the idempotency key of every create call. */
    public String token(String application) {
        return "drc-" + application + "-" + resourceId + "-" + id;
    }

    /**
     * The idempotency key of the job's current copy (ClientToken, AMI name, RDS identifier): the token for the
     * first copy, and a new one after each copy that ended in error, since AWS answers a repeated ClientToken
     * with the failed image.
     */
    public String copyToken(String application) {
        return copyFailures == 0 ? token(application) : token(application) + "-r" + copyFailures;
    }
}
