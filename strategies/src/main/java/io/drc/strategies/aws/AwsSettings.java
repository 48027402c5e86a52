package io.drc.strategies.aws;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.core.retry.RetryMode;

/**
 * How to reach AWS: plain data, free of any daemon types, so tools and tests can build clients too.
 *
 * <p>Resolution order, most specific first: a region's per-service endpoint, the region's endpoint,
 * the global endpoint, then the SDK's own endpoint for the region. Credentials: the region's, else
 * the global provider.
 *
 * @param endpoint       global endpoint override for every service in every region, or null
 * @param credentials    credentials used where a region does not name its own
 * @param regions        per-region overrides keyed by region name
 * @param retryMode      the SDK retry mode (LEGACY, STANDARD, ADAPTIVE_V2)
 * @param maxAttempts    attempts per API call, first try included
 * @param apiCallTimeout upper bound for one API call, retries included
 */
public record AwsSettings(
        URI endpoint,
        AwsCredentialsProvider credentials,
        Map<String, RegionSettings> regions,
        RetryMode retryMode,
        int maxAttempts,
        Duration apiCallTimeout) {

    /** The region whose settings sign and route global services (Route 53). */
    public static final String GLOBAL_SERVICE_REGION = "us-east-1";

    public AwsSettings {
        Objects.requireNonNull(credentials, "credentials");
        Objects.requireNonNull(retryMode, "retryMode");
        Objects.requireNonNull(apiCallTimeout, "apiCallTimeout");
        regions = regions == null ? Map.of() : Map.copyOf(regions);
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1, was " + maxAttempts);
        }
    }

    /**
     * Overrides for one region; every field may be null or empty.
     *
     * @param endpoint         endpoint for every service in this region
     * @param credentials      credentials for this region
     * @param serviceEndpoints endpoints for single services in this region
     */
    public record RegionSettings(
            URI endpoint, AwsCredentialsProvider credentials, Map<AwsService, URI> serviceEndpoints) {
        public RegionSettings {
            serviceEndpoints = serviceEndpoints == null ? Map.of() : Map.copyOf(serviceEndpoints);
        }
    }

    public Optional<URI> endpointFor(AwsService service, String region) {
        RegionSettings regional = regions.get(region);
        if (regional != null && regional.serviceEndpoints().containsKey(service)) {
            return Optional.of(regional.serviceEndpoints().get(service));
        }
        if (regional != null && regional.endpoint() != null) {
            return Optional.of(regional.endpoint());
        }
        return Optional.ofNullable(endpoint);
    }

    public AwsCredentialsProvider credentialsFor(String region) {
        RegionSettings regional = regions.get(region);
        return regional != null && regional.credentials() != null ? regional.credentials() : credentials;
    }
}
