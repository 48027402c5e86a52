package io.drc.controller.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.util.Duration;
import jakarta.validation.constraints.Positive;

/**
 * How many recovery points to keep. A point is pruned when it is beyond {@code keepLast} or older
 * than {@code maxAge}; either may be left out, not both.
 */
public record RetentionConfig(
        @JsonProperty("keepLast") @Positive Integer keepLast,
        @JsonProperty("maxAge") Duration maxAge) {}
