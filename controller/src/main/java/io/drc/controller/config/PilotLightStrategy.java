package io.drc.controller.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonTypeName;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;

/** DR keeps a read replica and an Auto Scaling group at 0; failover promotes and scales out. */
@JsonTypeName("pilot-light")
public record PilotLightStrategy(
        @JsonProperty("rtoTargetSeconds") @NotNull @Positive Integer rtoTargetSeconds) implements StrategyConfig {}
