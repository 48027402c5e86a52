package io.drc.controller.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonTypeName;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;

/** DR keeps a replica and a small serving fleet; failover promotes and scales to full load. */
@JsonTypeName("warm-standby")
public record WarmStandbyStrategy(
        @JsonProperty("rtoTargetSeconds") @NotNull @Positive Integer rtoTargetSeconds) implements StrategyConfig {}
