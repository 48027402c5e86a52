package io.drc.controller.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonTypeName;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;

/** Both regions serve; failover takes the failed region's weight to 0 first. */
@JsonTypeName("multi-site")
public record MultiSiteStrategy(
        @JsonProperty("rtoTargetSeconds") @NotNull @Positive Integer rtoTargetSeconds) implements StrategyConfig {}
