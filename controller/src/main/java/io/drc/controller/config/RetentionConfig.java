package io.drc.controller.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.util.Duration;
import io.dropwizard.validation.MinDuration;
import jakarta.validation.constraints.Positive;
import java.util.concurrent.TimeUnit;

/**
 * How many recovery points to keep. A point is pruned when it is beyond {@code keepLast} or older
 * than {@code maxAge}; either may be left out, not both.
 */
public record RetentionConfig(
        @JsonProperty("keepLast") @Positive Integer keepLast,
        @JsonProperty("maxAge") @MinDuration(value = 1, unit = TimeUnit.SECONDS) Duration maxAge) {}
