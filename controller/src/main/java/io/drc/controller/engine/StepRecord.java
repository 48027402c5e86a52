package io.drc.controller.engine;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/**
 * One Task of an execution as stored: its latest attempt's status, times and error.
 *
 * @param nodeId the daemon that last claimed the Task's work: the one running it, or the one that ran it
 */
public record StepRecord(String key, String name, String resource, StepStatus status, Instant startedAt,
                         Instant endedAt, int attempts, String error, JsonNode parameters, JsonNode output,
                         String nodeId) { }
