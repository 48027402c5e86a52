package io.drc.controller.replication;

import java.time.Duration;
import java.time.Instant;

/**
 * Pure: a job and a step's outcome → the job's next state. Backoff doubles from {@code retryBase} up to
 * {@code retryMax}, or up to {@code quotaRetryMax} for quota and throttling errors (a copy slot frees as soon
 * as any copy completes, so waiting long only loses RPO); resource errors fail the job after
 * {@code maxResourceAttempts}, and so do that many copies ended in error.
 */
public record JobTransitions(Duration pollInterval, Duration retryBase, Duration retryMax, Duration quotaRetryMax,
                             int maxResourceAttempts) {

    public static JobTransitions defaults() {
        return new JobTransitions(Duration.ofSeconds(15), Duration.ofSeconds(30), Duration.ofMinutes(15),
                Duration.ofMinutes(2), 8);
    }

    public JobTransitions withPollInterval(Duration newPollInterval) {
        return new JobTransitions(newPollInterval, retryBase, retryMax, quotaRetryMax, maxResourceAttempts);
    }

    public ReplicationJob apply(ReplicationJob job, StepOutcome outcome, Instant now) {
        if (outcome instanceof StepOutcome.Advance advance) {
            return advanced(job, advance, now);
        }
        if (outcome instanceof StepOutcome.Retry retry) {
            return retried(job, retry, now);
        }
        if (outcome instanceof StepOutcome.CopyFailed failed) {
            return copyFailed(job, failed, now);
        }
        if (outcome instanceof StepOutcome.Fail fail) {
            return job.withStep(JobStep.FAILED).withAttempt(job.attempts(), now, fail.error());
        }
        StepOutcome.Wait wait = (StepOutcome.Wait) outcome;
        return job.withAttempt(job.attempts(), wait.pollAt() != null ? wait.pollAt() : now.plus(pollInterval),
                job.lastError());
    }

    private static ReplicationJob advanced(ReplicationJob job, StepOutcome.Advance advance, Instant now) {
        ReplicationJob next = job.withStep(advance.next());
        if (advance.sourceId() != null || advance.sourceTime() != null) {
            next = next.withSource(advance.sourceId() != null ? advance.sourceId() : job.sourceId(),
                    advance.sourceTime() != null ? advance.sourceTime() : job.sourceTime());
        }
        if (advance.copyId() != null) {
            next = next.withCopy(advance.copyId());
        }
        // A step that succeeds clears the error it may have retried on; the next step runs at once. A copy made
        // again after one ended in error keeps that error on show until it completes.
        boolean recopying = advance.next() == JobStep.AWAIT_COPY && job.copyFailures() > 0;
        return next.withAttempt(0, now, recopying ? job.lastError() : null);
    }

    private ReplicationJob copyFailed(ReplicationJob job, StepOutcome.CopyFailed failed, Instant now) {
        ReplicationJob again = job.withFailedCopy();
        if (again.copyFailures() >= maxResourceAttempts) {
            return again.withStep(JobStep.FAILED).withAttempt(0, now,
                    failed.error() + " (gave up after " + again.copyFailures() + " copies)");
        }
        return again.withAttempt(0, now.plus(backoff(again.copyFailures())), failed.error());
    }

    private ReplicationJob retried(ReplicationJob job, StepOutcome.Retry retry, Instant now) {
        int attempts = job.attempts() + 1;
        if (retry.errorClass() == StepOutcome.ErrorClass.RESOURCE && attempts >= maxResourceAttempts) {
            return job.withStep(JobStep.FAILED).withAttempt(attempts, now,
                    retry.error() + " (gave up after " + attempts + " attempts)");
        }
        Duration delay = backoff(attempts);
        if (retry.errorClass() == StepOutcome.ErrorClass.QUOTA && delay.compareTo(quotaRetryMax) > 0) {
            delay = quotaRetryMax;
        }
        return job.withAttempt(attempts, now.plus(delay), retry.error());
    }

    /** retryBase × 2^(attempts−1), capped at retryMax. */
    public Duration backoff(int attempts) {
        int exponent = Math.min(Math.max(attempts - 1, 0), 20);
        Duration delay = retryBase.multipliedBy(1L << exponent);
        return delay.compareTo(retryMax) > 0 ? retryMax : delay;
    }
}
