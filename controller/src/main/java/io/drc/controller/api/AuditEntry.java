package io.drc.controller.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/** One audited action: who did what to which target, when, under which request. */
public record AuditEntry(
        long id, Instant at, String requestId, String principal, String action, String target, JsonNode detail) {}
