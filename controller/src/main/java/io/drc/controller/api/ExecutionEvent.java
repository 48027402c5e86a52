package io.drc.controller.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;

/**
 * One thing that happened to an execution, as {@code GET /api/v1/executions/{id}/events} streams it. {@code id}
 * grows with every event of the execution, so a client resumes with {@code Last-Event-ID} and misses none.
 *
 * @param type    {@code execution.started}, {@code step.started}, {@code step.waiting_approval},
 *                {@code step.succeeded}, {@code step.failed}, {@code step.retrying}, {@code step.cancelled},
 *                {@code execution.recovered} or {@code execution.ended}
 * @param step    the step's row key (branch and state), unique within the execution; null for execution events
 * @param status  the step's status after the event, or the execution's for execution events
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ExecutionEvent(long id, String executionId, String type, String step, String name, String resource,
                             Integer attempt, String status, String error, Instant at) { }
