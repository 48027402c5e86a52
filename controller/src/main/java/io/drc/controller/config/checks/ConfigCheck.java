package io.drc.controller.config.checks;

import io.drc.controller.DrcConfiguration;
import java.util.List;

/**
 * A rule a configuration must satisfy beyond what its field annotations say. Checks run both for
 * the {@code check} command and before the server starts; every problem of every check is
 * reported, so an operator fixes a file in one pass.
 *
 * <p>Implementations must tolerate a configuration that failed bean validation: any field may be
 * null. Report only problems of your own rule and leave nulls to bean validation.
 */
@FunctionalInterface
public interface ConfigCheck {

    /** Returns the problems found, empty when the configuration satisfies this rule. */
    List<Problem> check(DrcConfiguration configuration);
}
