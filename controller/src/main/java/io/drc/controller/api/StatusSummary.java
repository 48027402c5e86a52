package io.drc.controller.api;

import java.time.Instant;

/**
 * The status in numbers, whatever the number of resources: how many are protected, how many are compliant,
 * and when RPO was last measured (null before the first measurement).
 */
public record StatusSummary(int resources, int compliant, int notCompliant, Instant measuredAt) {}
