package io.drc.strategies.runbook;

import java.util.List;

/** The parts several state types share, read uniformly (Java 17 has no pattern switch over sealed types). */
public final class RunbookStates {
    private static final State.Transition NONE = new State.Transition(null, false);

    private RunbookStates() {
    }

    /** The state's transition; a terminal or Choice state has none (null next, not end). */
    public static State.Transition transition(State state) {
        if (state instanceof State.Task t) {
            return t.transition();
        } else if (state instanceof State.Parallel p) {
            return p.transition();
        } else if (state instanceof State.Wait w) {
            return w.transition();
        } else if (state instanceof State.Pass p) {
            return p.transition();
        }
        return NONE;
    }

    public static List<State.Catcher> catchers(State state) {
        if (state instanceof State.Task t) {
            return t.catchers();
        } else if (state instanceof State.Parallel p) {
            return p.catchers();
        }
        return List.of();
    }

    public static List<State.Retrier> retriers(State state) {
        if (state instanceof State.Task t) {
            return t.retry();
        } else if (state instanceof State.Parallel p) {
            return p.retry();
        }
        return List.of();
    }
}
