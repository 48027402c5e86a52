package io.drc.controller.engine;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/** A change to the step records that a decision brings; stored in the decision's transaction. */
public sealed interface StepChange {
    /** The row key: one row per Task per branch, so a retry updates its row. */
    String key();

    /** A Task attempt began (or an approval began to wait): insert the row, or restart it for a retry. */
    record Began(String key, String name, String resource, StepStatus status, int attempt, JsonNode parameters,
                 Instant at) implements StepChange { }

    /** A Task attempt came to an end; {@code RETRYING} keeps the row open for the next attempt. */
    record Ended(String key, StepStatus status, String error, JsonNode output, Instant at) implements StepChange { }

    static String keyOf(io.drc.strategies.engine.StepRef step) {
        return step.branchId() + "/" + step.state();
    }
}
