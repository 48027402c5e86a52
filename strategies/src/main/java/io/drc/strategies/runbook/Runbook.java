package io.drc.strategies.runbook;

import java.util.Map;

/**
 * A runbook: states by name and the one to start at. Parallel branches are runbooks too.
 *
 * @param source where it came from (a file name), for error messages
 */
public record Runbook(String source, String comment, String startAt, Map<String, State> states,
                      Integer timeoutSeconds) {
    public State state(String name) {
        State state = states.get(name);
        if (state == null) {
            throw new IllegalArgumentException(source + ": no state named '" + name + "'");
        }
        return state;
    }
}
