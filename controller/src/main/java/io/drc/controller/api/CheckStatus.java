package io.drc.controller.api;

import jakarta.validation.constraints.NotNull;
import java.time.Instant;

/**
 * One health check's outcome as the status shows it. Checks that reach AWS are measured in the background:
 * {@code checkedAt} and {@code ageSeconds} say how old the answer is (for checks run on the spot: now, 0).
 */
public record CheckStatus(@NotNull String name, boolean ok, String detail, @NotNull Instant checkedAt, Double ageSeconds) {}
