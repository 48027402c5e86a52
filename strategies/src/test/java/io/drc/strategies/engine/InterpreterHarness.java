package io.drc.strategies.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.drc.strategies.runbook.Runbook;
import io.drc.strategies.runbook.RunbookParser;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** Drives the pure interpreter through events, the way the runner will, keeping the latest state. */
final class InterpreterHarness {
    static final ObjectMapper JSON = new ObjectMapper();
    private final RunbookInterpreter interpreter = new RunbookInterpreter();
    private final Runbook runbook;
    private ExecutionState state;
    private Instant now = Instant.parse("2026-01-01T00:00:00Z");

    InterpreterHarness(String runbookJson, String inputJson) {
        this.runbook = RunbookParser.parse("test.asl.json", runbookJson.replace('\'', '"'));
        this.state = ExecutionState.pending("exec-1", now, json(inputJson));
    }

    static JsonNode json(String text) {
        try {
            return JSON.readTree(text.replace('\'', '"'));
        } catch (Exception e) {
            throw new IllegalArgumentException(text, e);
        }
    }

    List<Command> send(Event event) {
        Decision decision = interpreter.decide(runbook, state, event, now);
        state = decision.state();
        return decision.commands();
    }

    void advance(Duration by) {
        now = now.plus(by);
    }

    Instant now() {
        return now;
    }

    ExecutionState state() {
        return state;
    }
}
