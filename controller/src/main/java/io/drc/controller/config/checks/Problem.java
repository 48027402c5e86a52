package io.drc.controller.config.checks;

/**
 * One thing wrong with a configuration.
 *
 * @param path    where, in the YAML's own terms, e.g. {@code protect[2].rpoTargetSeconds}
 * @param message what is wrong
 * @param hint    how to fix it
 */
public record Problem(String path, String message, String hint) {

    /** One line for operators: {@code path: message (fix: hint)}. */
    public String describe() {
        return path + ": " + message + (hint == null || hint.isEmpty() ? "" : " (fix: " + hint + ")");
    }
}
