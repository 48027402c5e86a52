package io.drc.controller.engine;

import java.time.Duration;

/**
 * Told when an attempt of a runbook step ends, by the daemon that reports its outcome. The metrics implement it
 * ({@code drc_step_duration_seconds}); the engine does not depend on them.
 */
@FunctionalInterface
public interface StepObserver {
    /** Observes nothing. */
    StepObserver NONE = (resource, status, took) -> { };

    /**
     * @param resource the step's {@code drc:} resource (its handler)
     * @param status   {@code succeeded}, {@code failed}, or {@code timed_out} (its TimeoutSeconds ran out)
     * @param took     from the attempt's start to its outcome, on the engine's clock; polls included
     */
    void ended(String resource, String status, Duration took);
}
