package io.drc.strategies.handlers;

import java.util.Locale;

/**
 * Identifiers drc chooses for what it makes in RDS. RDS has no ClientToken: a name derived from the execution is
 * the idempotency key, so a repeated call finds what the first one made.
 */
final class RdsIdentifiers {
    private RdsIdentifiers() {
    }

    /** {@code <prefix>-<dbInstanceId>-<first 8 characters of the execution id>}, made a valid RDS identifier. */
    static String forExecution(String prefix, String dbInstanceId, String executionId) {
        String execution = valid(executionId);
        return valid(prefix + "-" + dbInstanceId + "-" + execution.substring(0, Math.min(8, execution.length())));
    }

    /** Letters, digits and single hyphens, no hyphen at either end: what RDS accepts as an identifier. */
    static String valid(String raw) {
        return raw.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
    }
}
