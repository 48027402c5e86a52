package io.drc.strategies.step;

/**
 * A Task's parameter is missing, null, of the wrong type or unusable (an unknown unit); a runbook bug, reported with
 * the state and the parameter ({@link StepParameters#read}).
 */
public final class InvalidParameterException extends RuntimeException {
    public InvalidParameterException(String step, String parameter, String problem) {
        super("step '" + step + "': parameter '" + parameter + "' " + problem + "; fix the Task's Parameters");
    }
}
