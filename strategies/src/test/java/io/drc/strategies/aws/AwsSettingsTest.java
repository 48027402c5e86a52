package io.drc.strategies.aws;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.retry.RetryMode;

class AwsSettingsTest {
    static final URI GLOBAL = URI.create("http://127.0.0.1:4566");
    static final URI WEST = URI.create("http://127.0.0.1:5001");
    static final URI WEST_RDS = URI.create("http://127.0.0.1:5002");
    static final StaticCredentialsProvider DEFAULT_CREDS = creds("global");
    static final StaticCredentialsProvider WEST_CREDS = creds("west");

    static StaticCredentialsProvider creds(String key) {
        return StaticCredentialsProvider.create(AwsBasicCredentials.create(key, "secret"));
    }

    static AwsSettings settings(URI globalEndpoint) {
        var west = new AwsSettings.RegionSettings(WEST, WEST_CREDS, Map.of(AwsService.RDS, WEST_RDS));
        var eastRoute53Only = new AwsSettings.RegionSettings(
                null, null, Map.of(AwsService.ROUTE53, URI.create("http://127.0.0.1:5003")));
        return new AwsSettings(globalEndpoint, DEFAULT_CREDS,
                Map.of("us-west-2", west, "us-east-1", eastRoute53Only),
                RetryMode.STANDARD, 3, Duration.ofSeconds(20));
    }

    @Test
    void serviceEndpointOfRegionWinsOverRegionEndpoint() {
        assertThat(settings(GLOBAL).endpointFor(AwsService.RDS, "us-west-2")).contains(WEST_RDS);
    }

    @Test
    void regionEndpointWinsOverGlobalEndpoint() {
        assertThat(settings(GLOBAL).endpointFor(AwsService.EC2, "us-west-2")).contains(WEST);
    }

    @Test
    void globalEndpointAppliesWhereRegionSaysNothing() {
        assertThat(settings(GLOBAL).endpointFor(AwsService.EC2, "us-east-1")).contains(GLOBAL);
        assertThat(settings(GLOBAL).endpointFor(AwsService.EC2, "eu-west-1")).contains(GLOBAL);
    }

    @Test
    void noOverrideMeansTheSdkChoosesTheEndpoint() {
        assertThat(settings(null).endpointFor(AwsService.EC2, "eu-west-1")).isEmpty();
    }

    @Test
    void regionCredentialsWinOverGlobalCredentials() {
        assertThat(settings(GLOBAL).credentialsFor("us-west-2")).isSameAs(WEST_CREDS);
        assertThat(settings(GLOBAL).credentialsFor("us-east-1")).isSameAs(DEFAULT_CREDS);
    }
}
