package io.drc.strategies.runbook;

/** Something wrong with a runbook file, named precisely enough to fix: file, state and reason. */
public record RunbookProblem(String file, String state, String reason) {
    @Override
    public String toString() {
        return file + (state == null ? "" : ": state '" + state + "'") + ": " + reason;
    }
}
