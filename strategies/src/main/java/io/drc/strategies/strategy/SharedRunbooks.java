package io.drc.strategies.strategy;

/**
 * Runbook files that several strategies run: their executions have the same shape, and the runbook's input (built
 * from the configuration) carries what differs, e.g. the size DR's groups return to after a fail-back.
 */
final class SharedRunbooks {
    /** Promote the DR replica while DR scales to full load; then move DNS; then fence the failed region. */
    static final String PROMOTE_AND_SCALE_FAILOVER = "promote-and-scale-failover.asl.json";

    /**
     * Replicate home until caught up, freeze, promote home, restore the normal DNS weights, unfreeze, then make DR a
     * replica again with its groups at their standby size (0 for a pilot light, the normal size for multi-site).
     */
    static final String REVERSE_REPLICATION_FAILBACK = "reverse-replication-failback.asl.json";

    /**
     * A drill of a replica-based strategy: a snapshot of the DR replica restored under the drill's name while drill
     * copies of the DR web tier come up; cleanup by the drill's tag always follows.
     */
    static final String REPLICA_DRILL = "replica-drill.asl.json";

    private SharedRunbooks() {
    }
}
