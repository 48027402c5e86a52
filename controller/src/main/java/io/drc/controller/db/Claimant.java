package io.drc.controller.db;

import java.time.Instant;
import org.jdbi.v3.core.statement.SqlStatement;

/**
 * Who claims work, and which heartbeats still count as alive. A claim (work item, replication job, RTO) names its
 * owner's incarnation ({@code node_id#incarnation}) and is held while that incarnation's heartbeat in
 * {@code cluster_nodes} is at or after {@code aliveSince} (now − {@code cluster.deadAfter}) and it has not left;
 * a claim of this claimant itself is held too, whatever its own row says, so a daemon never takes a step from its
 * own busy worker. Every other claim — of a dead daemon, of a stopped one, of an earlier incarnation of this very
 * node — is free.
 *
 * @param owner      this daemon's owner tag, written into the claims it takes
 * @param aliveSince heartbeats at or after this instant are fresh
 */
public record Claimant(String owner, Instant aliveSince) {

    /** SQL condition: the claim named by {@code ownerColumn} is held by a live daemon or by this claimant. */
    static String held(String ownerColumn) {
        return "(" + ownerColumn + " IS NOT NULL AND (" + ownerColumn + " = :claimant OR EXISTS (SELECT 1 FROM"
                + " cluster_nodes live WHERE live.owner_tag = " + ownerColumn + " AND live.stopped_at IS NULL"
                + " AND live.heartbeat_at >= :aliveSince)))";
    }

    /** SQL condition: nobody alive holds the claim in {@code ownerColumn}; this claimant may take it. */
    static String free(String ownerColumn) {
        return "NOT " + held(ownerColumn);
    }

    /** Binds {@code :claimant} and {@code :aliveSince} of {@link #held} / {@link #free}. */
    <S extends SqlStatement<S>> S bind(S statement) {
        return statement.bind("claimant", owner).bind("aliveSince", SqlTimes.utc(aliveSince));
    }
}
