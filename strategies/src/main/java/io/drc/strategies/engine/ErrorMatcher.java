package io.drc.strategies.engine;

import io.drc.strategies.runbook.State;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** ASL's Retry and Catch selection: the first entry whose ErrorEquals matches the error decides. */
final class ErrorMatcher {
    /** What a retry costs: the next attempt's delay and the updated per-entry counts. */
    record RetryPlan(long delayMillis, Map<Integer, Integer> retries) { }

    private ErrorMatcher() {
    }

    static boolean matches(List<String> errorEquals, String error) {
        if (RunbookInterpreter.RUNTIME_ERROR.equals(error)) {
            return false; // Step Functions: never retried, never caught
        }
        for (String candidate : errorEquals) {
            if (candidate.equals(error) || candidate.equals("States.ALL")
                    || (candidate.equals("States.TaskFailed") && !"States.Timeout".equals(error))) {
                return true;
            }
        }
        return false;
    }

    /** A retry, if the first matching Retry entry has attempts left. */
    static Optional<RetryPlan> retry(List<State.Retrier> retriers, Map<Integer, Integer> used, String error) {
        for (int i = 0; i < retriers.size(); i++) {
            State.Retrier r = retriers.get(i);
            if (!matches(r.errorEquals(), error)) {
                continue;
            }
            int count = used.getOrDefault(i, 0);
            if (count >= r.maxAttempts()) {
                return Optional.empty();
            }
            long delay = Math.round(r.intervalSeconds() * 1000 * Math.pow(r.backoffRate(), count));
            Map<Integer, Integer> next = new java.util.HashMap<>(used);
            next.put(i, count + 1);
            return Optional.of(new RetryPlan(delay, Map.copyOf(next)));
        }
        return Optional.empty();
    }

    static Optional<State.Catcher> catcher(List<State.Catcher> catchers, String error) {
        return catchers.stream().filter(c -> matches(c.errorEquals(), error)).findFirst();
    }
}
