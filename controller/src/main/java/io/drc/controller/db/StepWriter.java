package io.drc.controller.db;

import io.drc.controller.engine.StepChange;
import java.util.List;
import org.jdbi.v3.core.Handle;

/** Writes a decision's step changes, and their events, inside its transaction. */
final class StepWriter {
    private final ExecutionRows rows;

    StepWriter(ExecutionRows rows) {
        this.rows = rows;
    }

    void write(Handle handle, String executionId, List<StepChange> changes) {
        for (StepChange change : changes) {
            if (change instanceof StepChange.Began began) {
                began(handle, executionId, began);
            } else {
                ended(handle, executionId, (StepChange.Ended) change);
            }
        }
    }

    private void began(Handle handle, String executionId, StepChange.Began b) {
        int restarted = handle.createUpdate("""
                        UPDATE execution_steps SET status = :status, attempts = :attempts, parameters = :parameters,
                            ended_at = NULL, output = NULL
                        WHERE execution_id = :id AND step_key = :key""")
                .bind("status", b.status().name()).bind("attempts", b.attempt())
                .bind("parameters", rows.write(b.parameters())).bind("id", executionId).bind("key", b.key())
                .execute();
        if (restarted == 0) {
            handle.createUpdate("""
                            INSERT INTO execution_steps (execution_id, step_key, name, resource, status, started_at,
                                attempts, parameters)
                            VALUES (:id, :key, :name, :resource, :status, :startedAt, :attempts, :parameters)""")
                    .bind("id", executionId).bind("key", b.key()).bind("name", b.name()).bind("resource", b.resource())
                    .bind("status", b.status().name()).bind("startedAt", SqlTimes.utc(b.at()))
                    .bind("attempts", b.attempt()).bind("parameters", rows.write(b.parameters()))
                    .execute();
        }
        ExecutionEvents.step(handle, executionId, b, b.at());
    }

    /** Ends the row; a cancellation only touches rows still open, so a finished step keeps its outcome. */
    private void ended(Handle handle, String executionId, StepChange.Ended e) {
        boolean cancel = e.status() == io.drc.controller.engine.StepStatus.CANCELLED;
        int updated = handle.createUpdate("UPDATE execution_steps SET status = :status, ended_at = :endedAt, error = :error,"
                        + " output = :output WHERE execution_id = :id AND step_key = :key"
                        + (cancel ? " AND status IN ('RUNNING', 'WAITING_APPROVAL', 'RETRYING')" : ""))
                .bind("status", e.status().name()).bind("endedAt", SqlTimes.utc(e.at())).bind("error", e.error())
                .bind("output", rows.write(e.output())).bind("id", executionId).bind("key", e.key())
                .execute();
        if (updated > 0) {
            ExecutionEvents.step(handle, executionId, e, e.at());
        }
    }
}
