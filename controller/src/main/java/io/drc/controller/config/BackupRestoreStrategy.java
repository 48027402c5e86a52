package io.drc.controller.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonTypeName;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;

/** Nothing runs in DR but copies; failover restores from the latest DR recovery points. */
@JsonTypeName("backup-restore")
public record BackupRestoreStrategy(
        @JsonProperty("rtoTargetSeconds") @NotNull @Positive Integer rtoTargetSeconds) implements StrategyConfig {}
