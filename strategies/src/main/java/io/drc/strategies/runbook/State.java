package io.drc.strategies.runbook;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * One state of a runbook, the Amazon States Language subset drc runs (DESIGN.md): Task, Parallel, Choice,
 * Wait, Pass, Succeed and Fail. States that move on carry a {@link Transition}.
 */
public sealed interface State {
    String name();

    /** Where a state goes next: a named state, or the end of its (branch) runbook. */
    record Transition(String next, boolean end) {
        public static Transition to(String next) {
            return new Transition(next, false);
        }

        public static Transition finish() {
            return new Transition(null, true);
        }
    }

    /** Retry policy for errors matching {@code errorEquals} ({@code States.ALL} matches every error). */
    record Retrier(List<String> errorEquals, int intervalSeconds, int maxAttempts, double backoffRate) { }

    /** Where to go when an error matching {@code errorEquals} survives its retries. */
    record Catcher(List<String> errorEquals, String next, String resultPath) { }

    /** A step handler call, e.g. {@code drc:rds:promoteReplica}. {@code parameters} may hold {@code key.$} paths. */
    record Task(String name, String resource, JsonNode parameters, String resultPath, Integer timeoutSeconds,
                List<Retrier> retry, List<Catcher> catchers, Transition transition) implements State { }

    /** Runs every branch at once with the same input; the output is the array of branch outputs. */
    record Parallel(String name, List<Runbook> branches, String resultPath, List<Retrier> retry,
                    List<Catcher> catchers, Transition transition) implements State { }

    /** Goes to the first matching rule's {@code next}, else to {@code defaultNext}. */
    record Choice(String name, List<ChoiceRule> choices, String defaultNext) implements State { }

    /** Waits without holding a thread: {@code seconds} fixed, or read from the input at {@code secondsPath}. */
    record Wait(String name, Integer seconds, String secondsPath, Transition transition) implements State { }

    /** Passes its input on, or {@code result} placed at {@code resultPath}. */
    record Pass(String name, JsonNode result, String resultPath, Transition transition) implements State { }

    record Succeed(String name) implements State { }

    record Fail(String name, String error, String cause) implements State { }
}
