package io.drc.controller.db;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.drc.controller.cluster.ClusterNode;
import io.drc.controller.cluster.Holdings;
import io.drc.controller.engine.WorkPayload;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;

/**
 * {@code cluster_nodes} (V7.1): one heartbeat row per daemon, and what the daemons hold. A daemon {@link #register}s
 * at start — a new incarnation of its node id, which frees whatever an earlier run of that node still claims — and
 * {@link #beat}s every {@code cluster.heartbeatInterval}. {@code cluster_duties} hands out periodic work once per
 * interval across daemons.
 */
public final class ClusterStore {

    private final Jdbi jdbi;
    private final ExecutionRows rows;

    public ClusterStore(Jdbi jdbi, ObjectMapper json) {
        this.jdbi = jdbi;
        this.rows = new ExecutionRows(json);
    }

    /** Registers a new incarnation of {@code nodeId} with a fresh heartbeat; its owner tag names its claims. */
    public ClusterNode register(String nodeId, String host, long pid, String version, Instant now) {
        try {
            return jdbi.inTransaction(handle -> register(handle, nodeId, host, pid, version, now));
        } catch (UnableToExecuteStatementException e) {
            if (!SqlErrors.uniqueViolation(e)) {
                throw e;
            }
            // two processes registered one new node id at the same moment: the row exists now, take the next
            return jdbi.inTransaction(handle -> register(handle, nodeId, host, pid, version, now));
        }
    }

    private ClusterNode register(Handle handle, String nodeId, String host, long pid, String version, Instant now) {
        Optional<Long> previous = handle.createQuery(
                        "SELECT incarnation FROM cluster_nodes WHERE node_id = :id FOR UPDATE")
                .bind("id", nodeId).mapTo(Long.class).findOne();
        long incarnation = previous.map(i -> i + 1).orElse(1L);
        String sql = previous.isPresent()
                ? """
                  UPDATE cluster_nodes SET incarnation = :incarnation, owner_tag = :tag, host = :host, pid = :pid,
                      version = :version, started_at = :now, heartbeat_at = :now, stopped_at = NULL
                  WHERE node_id = :id"""
                : """
                  INSERT INTO cluster_nodes (node_id, incarnation, owner_tag, host, pid, version, started_at,
                      heartbeat_at)
                  VALUES (:id, :incarnation, :tag, :host, :pid, :version, :now, :now)""";
        handle.createUpdate(sql).bind("id", nodeId).bind("incarnation", incarnation)
                .bind("tag", ClusterNode.ownerTag(nodeId, incarnation)).bind("host", host).bind("pid", pid)
                .bind("version", version).bind("now", SqlTimes.utc(now)).execute();
        return node(handle, nodeId).orElseThrow();
    }

    /**
     * Renews the heartbeat of this incarnation; false when the node id was registered again since (another
     * process runs with the same {@code cluster.nodeId}) or this incarnation left: it no longer holds anything.
     * A heartbeat never moves back: a beat that read its clock before another beat stored a later time (a heartbeat
     * thread descheduled between the two) would otherwise make a live daemon look dead, and its claims free.
     */
    public boolean beat(String ownerTag, Instant now) {
        return jdbi.withHandle(handle -> handle.createUpdate("""
                        UPDATE cluster_nodes
                        SET heartbeat_at = CASE WHEN heartbeat_at > :now THEN heartbeat_at ELSE :now END
                        WHERE owner_tag = :tag AND stopped_at IS NULL""")
                .bind("now", SqlTimes.utc(now)).bind("tag", ownerTag).execute()) == 1;
    }

    /** A clean stop: the incarnation leaves, so anything it still claims is free at once. */
    public void leave(String ownerTag, Instant now) {
        jdbi.useHandle(handle -> handle.createUpdate(
                        "UPDATE cluster_nodes SET stopped_at = :now WHERE owner_tag = :tag AND stopped_at IS NULL")
                .bind("now", SqlTimes.utc(now)).bind("tag", ownerTag).execute());
    }

    /** Every node that ever registered, by node id. */
    public List<ClusterNode> nodes() {
        return jdbi.withHandle(handle -> handle.createQuery("SELECT * FROM cluster_nodes ORDER BY node_id")
                .map((rs, ctx) -> node(rs)).list());
    }

    /**
     * Makes periodic duty {@code name} known (the migrations insert the replication's duties; a duty only some
     * daemons have is declared by them at start). Idempotent; two daemons declaring it at once both succeed.
     */
    public void declareDuty(String name) {
        try {
            jdbi.useHandle(handle -> handle.createUpdate("INSERT INTO cluster_duties (name, slot) SELECT :name, -1"
                    + " WHERE NOT EXISTS (SELECT 1 FROM cluster_duties WHERE name = :name)").bind("name", name).execute());
        } catch (org.jdbi.v3.core.statement.UnableToExecuteStatementException e) {
            // another daemon inserted it between the look and the insert (primary key): declared all the same
            if (jdbi.withHandle(handle -> handle.createQuery("SELECT COUNT(*) FROM cluster_duties WHERE name = :name")
                    .bind("name", name).mapTo(Long.class).one()) == 0) {
                throw e;
            }
        }
    }

    /**
     * Takes periodic duty {@code name} for interval {@code slot} (e.g. now ÷ measureInterval): true for exactly one
     * caller per slot across daemons; false when another daemon (or this one) took this slot or a later one.
     */
    public boolean takeDuty(String name, long slot, String owner, Instant now) {
        return jdbi.withHandle(handle -> handle.createUpdate("""
                        UPDATE cluster_duties SET slot = :slot, owner = :owner, taken_at = :now
                        WHERE name = :name AND slot < :slot""")
                .bind("slot", slot).bind("owner", owner).bind("now", SqlTimes.utc(now)).bind("name", name)
                .execute()) == 1;
    }

    /** Claimed work items and replication jobs, and Quartz triggers firing, whoever holds them. */
    public Holdings holdings() {
        return jdbi.withHandle(handle -> new Holdings(
                handle.createQuery("""
                                SELECT id, execution_id, kind, payload, lease_owner, claimed_at, lease_until
                                FROM work_items WHERE lease_owner IS NOT NULL ORDER BY claimed_at, id""")
                        .map((rs, ctx) -> heldStep(rs)).list(),
                handle.createQuery("""
                                SELECT id, resource_id, step, lease_owner, claimed_at, lease_until
                                FROM replication_jobs WHERE lease_owner IS NOT NULL ORDER BY claimed_at, id""")
                        .map((rs, ctx) -> new Holdings.HeldJob(rs.getString("lease_owner"), rs.getLong("id"),
                                rs.getString("resource_id"), rs.getString("step"), SqlTimes.instant(rs, "claimed_at"),
                                SqlTimes.instant(rs, "lease_until"))).list(),
                handle.createQuery("""
                                SELECT instance_name, trigger_name, state, fired_time FROM qrtz_fired_triggers
                                ORDER BY fired_time""")
                        .map((rs, ctx) -> new Holdings.FiringTrigger(rs.getString("instance_name"),
                                rs.getString("trigger_name"), rs.getString("state"),
                                Instant.ofEpochMilli(rs.getLong("fired_time")))).list()));
    }

    private Holdings.HeldStep heldStep(ResultSet rs) throws SQLException {
        WorkPayload payload = rows.read(rs.getString("payload"), WorkPayload.class);
        String step = payload == null || payload.step() == null ? null : payload.step().state();
        return new Holdings.HeldStep(rs.getString("lease_owner"), rs.getLong("id"), rs.getString("execution_id"), step,
                payload == null ? null : payload.resource(), rs.getString("kind"), SqlTimes.instant(rs, "claimed_at"),
                SqlTimes.instant(rs, "lease_until"));
    }

    private static Optional<ClusterNode> node(Handle handle, String nodeId) {
        return handle.createQuery("SELECT * FROM cluster_nodes WHERE node_id = :id").bind("id", nodeId)
                .map((rs, ctx) -> node(rs)).findOne();
    }

    private static ClusterNode node(ResultSet rs) throws SQLException {
        long pid = rs.getLong("pid");
        Long pidOrNull = rs.wasNull() ? null : pid;
        return new ClusterNode(rs.getString("node_id"), rs.getLong("incarnation"), rs.getString("owner_tag"),
                rs.getString("host"), pidOrNull, rs.getString("version"), SqlTimes.instant(rs, "started_at"),
                SqlTimes.instant(rs, "heartbeat_at"), SqlTimes.instant(rs, "stopped_at"));
    }
}
