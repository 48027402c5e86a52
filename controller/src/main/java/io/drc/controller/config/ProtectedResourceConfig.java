package io.drc.controller.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.drc.controller.core.ResourceKind;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;

/**
 * One protected resource. Fields left null take their defaults from the enclosing configuration:
 * see {@link DrcConfiguration#regionOf}, {@link DrcConfiguration#scheduleOf},
 * {@link DrcConfiguration#retentionOf}.
 */
public record ProtectedResourceConfig(
        @JsonProperty("id") @NotEmpty @Pattern(regexp = "[a-z0-9][a-z0-9-]*",
                message = "must be lower-case letters, digits and dashes") String id,
        @JsonProperty("kind") @NotNull ResourceKind kind,
        @JsonProperty("resourceId") @NotEmpty String resourceId,
        @JsonProperty("region") String region,
        @JsonProperty("rpoTargetSeconds") @NotNull @Positive Integer rpoTargetSeconds,
        @JsonProperty("schedule") String schedule,
        @JsonProperty("retention") @Valid RetentionConfig retention,
        @JsonProperty("noReboot") Boolean noReboot,
        @JsonProperty("kmsKeyId") String kmsKeyId) {

    /** CreateImage reboots the instance unless told not to; drc defaults to not rebooting. */
    public boolean noRebootOrDefault() {
        return noReboot == null || noReboot;
    }
}
