package io.drc.controller.db;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.drc.controller.engine.ExecutionRecord;
import io.drc.controller.engine.StepRecord;
import io.drc.controller.engine.StepStatus;
import io.drc.controller.engine.WorkClaim;
import io.drc.controller.engine.WorkItem;
import io.drc.controller.engine.WorkKind;
import io.drc.controller.engine.WorkPayload;
import io.drc.strategies.engine.ExecutionKind;
import io.drc.strategies.engine.ExecutionState;
import java.sql.ResultSet;
import java.sql.SQLException;

/** Rows of the engine's tables to records and JSON columns to values, with one ObjectMapper. */
final class ExecutionRows {
    private final ObjectMapper json;

    ExecutionRows(ObjectMapper json) {
        this.json = json;
    }

    String write(Object value) {
        try {
            return value == null ? null : json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot store as JSON: " + value, e);
        }
    }

    <T> T read(String text, Class<T> type) {
        try {
            return text == null ? null : json.readValue(text, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored JSON is not a " + type.getSimpleName() + ": " + e.getMessage(), e);
        }
    }

    ExecutionRecord execution(ResultSet rs) throws SQLException {
        double rto = rs.getDouble("rto_seconds");
        Double rtoSeconds = rs.wasNull() ? null : rto;
        int target = rs.getInt("rto_target_seconds");
        Integer rtoTarget = rs.wasNull() ? null : target;
        return new ExecutionRecord(rs.getString("id"), ExecutionKind.fromWireName(rs.getString("kind")),
                rs.getString("strategy"), rs.getString("runbook"), rs.getString("requested_by"), rs.getString("reason"),
                rs.getString("idempotency_key"), rs.getString("idempotency_fingerprint"), rs.getString("target_region"),
                rtoTarget,
                SqlTimes.instant(rs, "started_at"), SqlTimes.instant(rs, "ended_at"),
                SqlTimes.instant(rs, "recovered_at"), rtoSeconds, read(rs.getString("state"), ExecutionState.class),
                rs.getLong("version"));
    }

    StepRecord step(ResultSet rs) throws SQLException {
        return new StepRecord(rs.getString("step_key"), rs.getString("name"), rs.getString("resource"),
                StepStatus.valueOf(rs.getString("status")), SqlTimes.instant(rs, "started_at"),
                SqlTimes.instant(rs, "ended_at"), rs.getInt("attempts"), rs.getString("error"),
                read(rs.getString("parameters"), JsonNode.class), read(rs.getString("output"), JsonNode.class),
                rs.getString("node_id"));
    }

    WorkItem workItem(ResultSet rs) throws SQLException {
        long id = rs.getLong("id");
        String owner = rs.getString("lease_owner");
        return new WorkItem(id, rs.getString("execution_id"), WorkKind.valueOf(rs.getString("kind")),
                read(rs.getString("payload"), WorkPayload.class), SqlTimes.instant(rs, "due_at"),
                owner == null ? null : new WorkClaim(id, owner, rs.getLong("claim_version")));
    }
}
