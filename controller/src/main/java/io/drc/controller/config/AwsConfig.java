package io.drc.controller.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.util.Duration;
import io.dropwizard.validation.MinDuration;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.net.URI;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** How the daemon reaches AWS; mapped onto the SDK-level {@code AwsSettings} by {@code AwsSettingsMapper}. */
public record AwsConfig(
        @JsonProperty("endpoint") URI endpoint,
        @JsonProperty("credentials") @NotNull @Valid CredentialsConfig credentials,
        @JsonProperty("retry") @NotNull @Valid RetryConfig retry,
        @JsonProperty("apiCallTimeout") @NotNull @MinDuration(value = 1, unit = TimeUnit.SECONDS)
                Duration apiCallTimeout,
        @JsonProperty("regions") Map<String, @NotNull @Valid RegionConfig> regions) {

    public AwsConfig {
        credentials = credentials == null ? new CredentialsConfig.DefaultChain() : credentials;
        retry = retry == null ? new RetryConfig(null, null) : retry;
        apiCallTimeout = apiCallTimeout == null ? Duration.seconds(20) : apiCallTimeout;
        regions = regions == null ? Map.of() : regions;
    }

    public static AwsConfig defaults() {
        return new AwsConfig(null, null, null, null, null);
    }

    /** The SDK's retry modes, as named in configuration. */
    public enum RetryModeName { LEGACY, STANDARD, ADAPTIVE }

    /** SDK retries for transient errors within one call; durable retries belong to runbooks. */
    public record RetryConfig(
            @JsonProperty("mode") RetryModeName mode,
            @JsonProperty("maxAttempts") @Min(1) @Max(10) Integer maxAttempts) {
        public RetryConfig {
            mode = mode == null ? RetryModeName.STANDARD : mode;
            maxAttempts = maxAttempts == null ? 3 : maxAttempts;
        }
    }

    /** Overrides for one region. */
    public record RegionConfig(
            @JsonProperty("endpoint") URI endpoint,
            @JsonProperty("credentials") @Valid CredentialsConfig credentials,
            @JsonProperty("services") Map<String, @NotNull @Valid ServiceConfig> services) {
        public RegionConfig {
            services = services == null ? Map.of() : services;
        }
    }

    /** Overrides for one service in one region. */
    public record ServiceConfig(@JsonProperty("endpoint") @NotNull URI endpoint) {}
}
