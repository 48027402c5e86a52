package io.drc.controller.core;

import io.drc.controller.config.AwsConfig;
import io.drc.strategies.aws.AwsService;
import io.drc.strategies.aws.AwsSettings;
import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import software.amazon.awssdk.core.retry.RetryMode;

/** Turns the YAML's {@code aws} section into the SDK-level settings AwsClients takes. */
public final class AwsSettingsMapper {
    private AwsSettingsMapper() {}

    public static AwsSettings toSettings(AwsConfig aws) {
        Map<String, AwsSettings.RegionSettings> regions = new HashMap<>();
        aws.regions().forEach((name, region) -> regions.put(name, toRegion(region)));
        return new AwsSettings(aws.endpoint(), aws.credentials().provider(), regions,
                toRetryMode(aws.retry().mode()), aws.retry().maxAttempts(),
                Duration.ofMillis(aws.apiCallTimeout().toMilliseconds()));
    }

    private static AwsSettings.RegionSettings toRegion(AwsConfig.RegionConfig region) {
        Map<AwsService, URI> services = new HashMap<>();
        region.services().forEach((name, service) -> services.put(AwsService.fromConfigName(name)
                .orElseThrow(() -> new IllegalArgumentException("unknown service " + name)), service.endpoint()));
        return new AwsSettings.RegionSettings(region.endpoint(),
                region.credentials() == null ? null : region.credentials().provider(), services);
    }

    /** "adaptive" means the SDK's current adaptive mode; its first version is deprecated. */
    static RetryMode toRetryMode(AwsConfig.RetryModeName mode) {
        return switch (mode) {
            case LEGACY -> RetryMode.LEGACY;
            case STANDARD -> RetryMode.STANDARD;
            case ADAPTIVE -> RetryMode.ADAPTIVE_V2;
        };
    }
}
