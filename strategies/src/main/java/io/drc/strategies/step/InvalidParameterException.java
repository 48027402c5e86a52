package io.drc.strategies.step;

/** A Task's parameter is present but unusable (wrong type, unknown unit); a runbook bug, reported with both names. */
public final class InvalidParameterException extends RuntimeException {
    public InvalidParameterException(String step, String parameter, String problem) {
        super("step '" + step + "': parameter '" + parameter + "' " + problem + "; fix the Task's Parameters");
    }
}
