package io.drc.controller.api;

import java.time.Instant;

/**
 * One health check's outcome as the status shows it. Checks that reach AWS are measured in the background:
 * {@code checkedAt} and {@code ageSeconds} say how old the answer is (for checks run on the spot: now, 0).
 */
public record CheckStatus(String name, boolean ok, String detail, Instant checkedAt, Double ageSeconds) {}
