package io.drc.controller.replication;

import io.drc.controller.core.ResourceKind;
import java.time.Instant;

/**
 * One copy of one protected resource into the DR region, as persisted in {@code replication_jobs}.
 *
 * @param sourceId   the image / snapshot in the source region once created
 * @param sourceTime when the source captured the data: the recovery point's source time
 * @param copyId     the copy in the DR region once started
 * @param attempts   failed attempts of the current step (reset when a step succeeds)
 * @param version    optimistic lock: an update applies only to the version it read
 */
public record ReplicationJob(long id, String resourceId, ResourceKind kind, JobStep step, String sourceId,
                             Instant sourceTime, String copyId, int attempts, Instant nextAttemptAt,
                             String lastError, Instant createdAt, Instant updatedAt, int version) {

    public ReplicationJob withStep(JobStep newStep) {
        return new ReplicationJob(id, resourceId, kind, newStep, sourceId, sourceTime, copyId, attempts,
                nextAttemptAt, lastError, createdAt, updatedAt, version);
    }

    public ReplicationJob withSource(String newSourceId, Instant newSourceTime) {
        return new ReplicationJob(id, resourceId, kind, step, newSourceId, newSourceTime, copyId, attempts,
                nextAttemptAt, lastError, createdAt, updatedAt, version);
    }

    public ReplicationJob withCopy(String newCopyId) {
        return new ReplicationJob(id, resourceId, kind, step, sourceId, sourceTime, newCopyId, attempts,
                nextAttemptAt, lastError, createdAt, updatedAt, version);
    }

    public ReplicationJob withAttempt(int newAttempts, Instant next, String error) {
        return new ReplicationJob(id, resourceId, kind, step, sourceId, sourceTime, copyId, newAttempts, next,
                error, createdAt, updatedAt, version);
    }

    /** drc's deterministic name for what this job creates: the idempotency key of every create call. */
    public String token(String application) {
        return "drc-" + application + "-" + resourceId + "-" + id;
    }
}
