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

    /** Whether the handler changes anything in AWS (dry runs list these steps and call none of them). */
    default boolean mutating() {
        return true;
    }

    StepResult execute(StepContext context);
}
