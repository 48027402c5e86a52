package io.drc.controller.config.checks;

import io.drc.controller.DrcConfiguration;
import io.drc.controller.replication.CopyDurations;
import io.drc.controller.replication.Feasibility;
import java.util.List;

/**
 * The RPO targets must be reachable under the copy quotas, with the configured expected durations
 * ({@code replication.expectedDurations}): otherwise no scheduler can meet them, and saying the configuration is fine
 * would be a lie. {@code drc check} refuses such a configuration; the server starts anyway (late copies protect more
 * than none) and warns with the durations it has observed.
 */
public final class FeasibilityCheck implements ConfigCheck {

    @Override
    public List<Problem> check(DrcConfiguration config) {
        var replication = config.getReplication();
        if (config.getProtect() == null || replication == null || replication.maxConcurrentCopies() == null
                || replication.expectedDurations() == null || replication.deadlineMargin() == null) {
            return List.of();
        }
        CopyDurations priors = new CopyDurations(replication.expectedDurations());
        return Feasibility.assess(Feasibility.demands(config.getProtect(), priors::expected),
                        replication.maxConcurrentCopies(), replication.deadlineMargin().toJavaDuration()).stream()
                .filter(v -> !v.feasible())
                .map(v -> new Problem("protect", v.describe(), "raise the RPO targets, protect fewer resources "
                        + "per DR region, or set replication.expectedDurations if copies are faster than assumed"))
                .toList();
    }
}
