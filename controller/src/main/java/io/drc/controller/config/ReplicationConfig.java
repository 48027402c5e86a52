package io.drc.controller.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;

/** Defaults for protected resources and limits for copies into the DR region. */
public record ReplicationConfig(
        @JsonProperty("defaultSchedule") @NotEmpty String defaultSchedule,
        @JsonProperty("defaultRetention") @NotNull @Valid RetentionConfig defaultRetention,
        @JsonProperty("maxConcurrentCopies") @NotNull @Valid MaxConcurrentCopies maxConcurrentCopies) {

    public ReplicationConfig {
        defaultSchedule = defaultSchedule == null ? "0 0/15 * * * ?" : defaultSchedule;
        defaultRetention = defaultRetention == null ? new RetentionConfig(7, null) : defaultRetention;
        maxConcurrentCopies = maxConcurrentCopies == null ? new MaxConcurrentCopies(null, null, null)
                : maxConcurrentCopies;
    }

    public static ReplicationConfig defaults() {
        return new ReplicationConfig(null, null, null);
    }

    /** Upper bounds are AWS's per-destination-region quotas; going above them only earns errors. */
    public record MaxConcurrentCopies(
            @JsonProperty("ebs") @Min(1) @Max(20) Integer ebs,
            @JsonProperty("ami") @Min(1) @Max(300) Integer ami,
            @JsonProperty("rds") @Min(1) @Max(20) Integer rds) {
        public MaxConcurrentCopies {
            ebs = ebs == null ? 20 : ebs;
            ami = ami == null ? 300 : ami;
            rds = rds == null ? 20 : rds;
        }
    }
}
