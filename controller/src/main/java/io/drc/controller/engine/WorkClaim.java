package io.drc.controller.engine;

/**
 * A daemon's claim on a work item: every write of the item's outcome (the decision that consumes it, a re-queue,
 * a give-back) is conditional on it, so a daemon that lost the item to another — it stalled past the liveness
 * window — stores nothing.
 *
 * @param owner   the claiming daemon's owner tag ({@code nodeId#incarnation})
 * @param version the item's claim count at this claim; the next claim makes it stale
 */
public record WorkClaim(long itemId, String owner, long version) { }
