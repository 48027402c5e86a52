package io.drc.controller.replication;

import java.time.Instant;
import java.util.List;

/** What one step of a replication job reported; {@link JobTransitions} turns it into the job's next state. */
public sealed interface StepOutcome {

    /**
     * The step is done: go on to {@code next}, remembering what the step learned (null = unchanged).
     * {@code awaitedSince}: when an await step's image or snapshot started, as AWS reports it (null if unknown):
     * how long it took is what drc learns its expected durations from. {@code associatedSnapshots}: the EBS
     * snapshots of the image an await step found available (null: none learned), recorded with its recovery point
     * because retention deletes them with it and a dry run must name them.
     */
    record Advance(JobStep next, String sourceId, Instant sourceTime, String copyId, Instant awaitedSince,
                   List<String> associatedSnapshots) implements StepOutcome {
        public Advance(JobStep next, String sourceId, Instant sourceTime, String copyId) {
            this(next, sourceId, sourceTime, copyId, null, null);
        }

        public static Advance to(JobStep next) {
            return new Advance(next, null, null, null);
        }

        public Advance since(Instant startedAt) {
            return new Advance(next, sourceId, sourceTime, copyId, startedAt, associatedSnapshots);
        }

        public Advance withSnapshots(List<String> snapshotIds) {
            return new Advance(next, sourceId, sourceTime, copyId, awaitedSince, List.copyOf(snapshotIds));
        }
    }

    /**
     * AWS is still working (pending / creating). {@code startedAt}: when the awaited image or snapshot started, as
     * AWS reports it (null if unknown); {@code pollAt}: when to look again, set by the engine from the expected
     * duration (null: after the poll interval).
     */
    record Wait(Instant startedAt, Instant pollAt) implements StepOutcome {
        public Wait() {
            this(null, null);
        }

        public static Wait since(Instant startedAt) {
            return new Wait(startedAt, null);
        }

        public Wait until(Instant when) {
            return new Wait(startedAt, when);
        }
    }

    /**
     * The step could not be done now. {@link ErrorClass#QUOTA} (throttled, copy limit reached) and
     * {@link ErrorClass#TRANSIENT} are retried without limit; {@link ErrorClass#RESOURCE} (missing resource,
     * missing KMS key) is recorded and retried with backoff until the attempts run out.
     */
    record Retry(ErrorClass errorClass, String error) implements StepOutcome {}

    /**
     * The copy in the DR region ended in {@code error} / {@code failed}: recorded on the job and copied again
     * with backoff, under a new idempotency key, until the copies run out.
     */
    record CopyFailed(String error) implements StepOutcome {}

    /** The job cannot finish (its source vanished or ended in error); the next cycle starts a new one. */
    record Fail(String error) implements StepOutcome {}

    enum ErrorClass { QUOTA, TRANSIENT, RESOURCE }
}
