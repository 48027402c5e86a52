package io.drc.controller.db;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.drc.controller.api.AuditEntry;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.StatementContext;

/** Append-only record of mutating API calls; detail is stored as JSON text. */
public final class AuditLog {
    private final Jdbi jdbi;
    private final ObjectMapper json;
    private final Clock clock;

    public AuditLog(Jdbi jdbi, ObjectMapper json, Clock clock) {
        this.jdbi = jdbi;
        this.json = json;
        this.clock = clock;
    }

    public AuditEntry append(String requestId, String principal, String action, String target, Object detail) {
        String detailJson = toJson(detail);
        long id = jdbi.withHandle(handle -> handle.createUpdate("""
                        INSERT INTO audit_log (at, request_id, principal, action, target, detail)
                        VALUES (:at, :requestId, :principal, :action, :target, :detail)""")
                .bind("at", SqlTimes.utc(clock.instant()))
                .bind("requestId", requestId)
                .bind("principal", principal)
                .bind("action", action)
                .bind("target", target)
                .bind("detail", detailJson)
                .executeAndReturnGeneratedKeys("id")
                .mapTo(Long.class)
                .one());
        return jdbi.withHandle(handle -> handle.createQuery("SELECT * FROM audit_log WHERE id = :id")
                .bind("id", id).map(this::toEntry).one());
    }

    public List<AuditEntry> newestFirst(int limit) {
        return jdbi.withHandle(handle -> handle.createQuery(
                        "SELECT * FROM audit_log ORDER BY at DESC, id DESC LIMIT :limit")
                .bind("limit", limit)
                .map(this::toEntry)
                .list());
    }

    private String toJson(Object detail) {
        try {
            return detail == null ? null : json.writeValueAsString(detail);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("audit detail is not serialisable as JSON", e);
        }
    }

    private AuditEntry toEntry(ResultSet rs, StatementContext ctx) throws SQLException {
        String detail = rs.getString("detail");
        try {
            return new AuditEntry(rs.getLong("id"), SqlTimes.instant(rs, "at"), rs.getString("request_id"),
                    rs.getString("principal"), rs.getString("action"), rs.getString("target"),
                    detail == null ? null : json.readTree(detail));
        } catch (JsonProcessingException e) {
            throw new SQLException("audit_log row " + rs.getLong("id") + " holds invalid JSON detail", e);
        }
    }
}
