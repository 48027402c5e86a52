package io.drc.controller.engine;

import java.time.Instant;

/**
 * A stored, due-dated piece of work of one execution.
 *
 * @param claim who holds it now, null when nobody claimed it
 */
public record WorkItem(long id, String executionId, WorkKind kind, WorkPayload payload, Instant dueAt,
                       WorkClaim claim) {

    /** Work to be stored with a decision (its id comes from the store). */
    public record New(WorkKind kind, WorkPayload payload, Instant dueAt) { }
}
