package io.drc.strategies.step;

/** A Task's Parameters lack a field its step handler needs; a runbook bug, reported with both names. */
public final class MissingParameterException extends RuntimeException {
    public MissingParameterException(String step, String parameter) {
        super("step '" + step + "' needs parameter '" + parameter + "'; add it to the Task's Parameters");
    }
}
