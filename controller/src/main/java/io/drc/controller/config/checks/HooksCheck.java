package io.drc.controller.config.checks;

import io.drc.controller.DrcConfiguration;
import io.drc.controller.config.HooksConfig.HookConfig;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code recovery.hooks.*}: an absolute http(s) URL, and a timeout short enough for a step (a hook call holds one
 * of the engine's workers while it waits).
 */
final class HooksCheck implements ConfigCheck {
    static final long MAX_TIMEOUT_SECONDS = 60;

    @Override
    public List<Problem> check(DrcConfiguration config) {
        List<Problem> problems = new ArrayList<>();
        if (config.getRecovery() == null) {
            return problems;
        }
        config.getRecovery().hooks().byName().forEach((name, hook) -> check(problems, "recovery.hooks." + name, hook));
        return problems;
    }

    private static void check(List<Problem> problems, String path, HookConfig hook) {
        if (hook.url() != null) {
            String scheme = hook.url().getScheme();
            if (!"http".equals(scheme) && !"https".equals(scheme) || hook.url().getHost() == null) {
                problems.add(new Problem(path + ".url", "'" + hook.url() + "' is not an http or https URL",
                        "give the full URL drc POSTs to, e.g. https://shop.internal/ops/freeze"));
            }
        }
        long millis = hook.timeout().toMilliseconds();
        if (millis <= 0 || millis > MAX_TIMEOUT_SECONDS * 1000) {
            problems.add(new Problem(path + ".timeout", hook.timeout() + " is not between 1ms and "
                    + MAX_TIMEOUT_SECONDS + "s",
                    "answer within a minute: start long work in the background and answer 2xx; a non-2xx "
                            + "answer or a timeout is retried by the runbook"));
        }
    }
}
