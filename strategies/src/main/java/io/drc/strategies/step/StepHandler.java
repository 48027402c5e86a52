package io.drc.strategies.step;

/**
 * One AWS step of a runbook, named by the Task's {@code Resource} (e.g. {@code drc:rds:promoteReplica}).
 *
 * <p>Contract: {@link #execute} is short and never sleeps; it is idempotent — it looks before acting, so that
 * a call repeated after a restart finds the work done and succeeds (promoting an already promoted database is
 * success). A long operation is two handlers, start and await; an await handler answers
 * {@link StepResult.Running} with when to look again until the operation is done.
 */
public interface StepHandler {
    /** The Task resource this handler serves, e.g. {@code drc:autoscaling:scaleTo}. */
    String resource();

    /**
     * The record the handler reads its Task's Parameters into with {@link StepParameters#read}, or
     * {@link StepParameters.None} when it reads none. When runbooks are loaded ({@code check}, daemon start) every
     * Task naming this handler has its Parameters resolved against the runbook input and checked against this type.
     */
    Class<? extends Record> parameterType();

    /** Whether the handler changes anything in AWS (dry runs list these steps and call none of them). */
    default boolean mutating() {
        return true;
    }

    StepResult execute(StepContext context);

    /**
     * The concrete AWS changes {@link #execute} would make with these parameters now, for a dry run: one
     * {@link PlannedChange} per resource attribute that would change, nothing for what is already as wanted.
     *
     * <p>Contract: uses read-only calls only (Describe, List, Get) — a dry run must change nothing, and tests prove
     * it from the simulator's call journal. It may throw like {@code execute} (classified the same way); the dry
     * run then reports the step's plan as unknown with the reason. The default, for handlers that change nothing
     * or cannot tell before acting, is an empty plan.
     */
    default java.util.List<PlannedChange> plan(StepContext context) {
        return java.util.List.of();
    }
}
