package io.drc.controller.config.checks;

import io.drc.controller.DrcConfiguration;
import jakarta.validation.Validator;
import java.util.ArrayList;
import java.util.List;

/**
 * All the rules a configuration must satisfy; add a {@link ConfigCheck} here to extend them. Checks that need a
 * configuration without problems — they build the runbook input from it — run only once every other check passed.
 */
public final class ConfigChecks {
    private final List<ConfigCheck> checks;
    private final List<ConfigCheck> onceValid;

    public ConfigChecks(List<ConfigCheck> checks, List<ConfigCheck> onceValid) {
        this.checks = List.copyOf(checks);
        this.onceValid = List.copyOf(onceValid);
    }

    public static ConfigChecks standard(Validator validator) {
        return new ConfigChecks(List.of(
                new BeanValidationCheck(validator),
                new RegionsCheck(),
                new ProtectedResourcesCheck(),
                new SchedulesCheck(),
                new DrillsCheck(),
                new RecoveryCheck(),
                new DnsWeightsCheck(),
                new StrategyCheck(),
                new RecoveryDatabaseCheck(),
                new HooksCheck(),
                new AuthTokensCheck(),
                new AwsOverridesCheck(),
                new AdminConnectorCheck(),
                new ClusterCheck(),
                new RunbooksCheck()),
                List.of(new RunbookInputsCheck()));
    }

    /** These rules plus {@code extra} (run with the first ones, before those that need a valid configuration). */
    public ConfigChecks with(ConfigCheck extra) {
        List<ConfigCheck> all = new ArrayList<>(checks);
        all.add(extra);
        return new ConfigChecks(all, onceValid);
    }

    public List<Problem> problems(DrcConfiguration configuration) {
        List<Problem> problems = new ArrayList<>();
        for (ConfigCheck check : checks) {
            problems.addAll(check.check(configuration));
        }
        if (problems.isEmpty()) {
            for (ConfigCheck check : onceValid) {
                problems.addAll(check.check(configuration));
            }
        }
        return problems;
    }

    /** Throws naming every problem, so callers (check, server) stop with one complete report. */
    public void requireValid(DrcConfiguration configuration, String source) throws ConfigProblemsException {
        List<Problem> problems = problems(configuration);
        if (!problems.isEmpty()) {
            throw new ConfigProblemsException(source, problems);
        }
    }
}
