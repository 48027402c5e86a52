package io.drc.controller.config.checks;

import io.drc.controller.DrcConfiguration;
import jakarta.validation.Validator;
import java.util.ArrayList;
import java.util.List;

/** All the rules a configuration must satisfy; add a {@link ConfigCheck} here to extend them. */
public final class ConfigChecks {
    private final List<ConfigCheck> checks;

    public ConfigChecks(List<ConfigCheck> checks) {
        this.checks = List.copyOf(checks);
    }

    public static ConfigChecks standard(Validator validator) {
        return new ConfigChecks(List.of(
                new BeanValidationCheck(validator),
                new RegionsCheck(),
                new ProtectedResourcesCheck(),
                new SchedulesCheck(),
                new RecoveryCheck(),
                new DnsWeightsCheck(),
                new WarmStandbyCheck(),
                new RecoveryDatabaseCheck(),
                new HooksCheck(),
                new AuthTokensCheck(),
                new AwsOverridesCheck(),
                new ClusterCheck(),
                new RunbooksCheck()));
    }

    public ConfigChecks with(ConfigCheck extra) {
        List<ConfigCheck> all = new ArrayList<>(checks);
        all.add(extra);
        return new ConfigChecks(all);
    }

    public List<Problem> problems(DrcConfiguration configuration) {
        List<Problem> problems = new ArrayList<>();
        for (ConfigCheck check : checks) {
            problems.addAll(check.check(configuration));
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
