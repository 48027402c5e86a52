package io.drc.strategies.aws;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.regions.Region;

/** Builds real SDK clients (no network) and checks which settings they received. */
class AwsClientsTest {

    @Test
    void clientsGetTheResolvedEndpointRegionAndCredentials() {
        try (var clients = new AwsClients(AwsSettingsTest.settings(AwsSettingsTest.GLOBAL))) {
            var westRds = clients.rds("us-west-2").serviceClientConfiguration();
            assertThat(westRds.endpointOverride()).contains(AwsSettingsTest.WEST_RDS);
            assertThat(westRds.region()).isEqualTo(Region.US_WEST_2);
            assertThat(westRds.credentialsProvider()).isSameAs(AwsSettingsTest.WEST_CREDS);

            var eastEc2 = clients.ec2("us-east-1").serviceClientConfiguration();
            assertThat(eastEc2.endpointOverride()).contains(AwsSettingsTest.GLOBAL);
            assertThat(eastEc2.credentialsProvider()).isSameAs(AwsSettingsTest.DEFAULT_CREDS);
        }
    }

    @Test
    void clientsAreCachedPerServiceAndRegion() {
        try (var clients = new AwsClients(AwsSettingsTest.settings(AwsSettingsTest.GLOBAL))) {
            assertThat(clients.ec2("us-east-1")).isSameAs(clients.ec2("us-east-1"));
            assertThat(clients.ec2("us-east-1")).isNotSameAs(clients.ec2("us-west-2"));
            assertThat(clients.route53()).isSameAs(clients.route53());
        }
    }

    @Test
    void prebuildBuildsReplicationsClientsOfEachRegionAndNoOthers() throws Exception {
        try (var clients = new AwsClients(AwsSettingsTest.settings(AwsSettingsTest.GLOBAL))) {
            assertThat(clients.isBuilt(AwsService.EC2, "us-east-1")).isFalse();
            Thread prebuild = clients.prebuild(List.of("us-east-1", "us-west-2"));
            prebuild.join(Duration.ofMinutes(1).toMillis());
            assertThat(prebuild.isAlive()).isFalse();
            for (String region : List.of("us-east-1", "us-west-2")) {
                for (AwsService service : List.of(AwsService.EC2, AwsService.RDS, AwsService.CLOUDWATCH)) {
                    assertThat(clients.isBuilt(service, region)).as(service + " in " + region).isTrue();
                }
                assertThat(clients.isBuilt(AwsService.AUTO_SCALING, region)).isFalse();
            }
            assertThat(clients.isBuilt(AwsService.ROUTE53, "us-east-1")).isFalse();
        }
    }

    @Test
    void route53TakesTheUsEast1OverrideAndSignsForUsEast1() throws Exception {
        var authorization = new AtomicReference<String>();
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            authorization.set(exchange.getRequestHeaders().getFirst("Authorization"));
            byte[] body = ("<ListHostedZonesResponse xmlns=\"https://route53.amazonaws.com/doc/2013-04-01/\">"
                    + "<HostedZones/><IsTruncated>false</IsTruncated><MaxItems>100</MaxItems>"
                    + "</ListHostedZonesResponse>").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "text/xml");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        try {
            URI endpoint = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
            var east = new AwsSettings.RegionSettings(null, null, Map.of(AwsService.ROUTE53, endpoint));
            var settings = new AwsSettings(URI.create("http://127.0.0.1:1"), AwsSettingsTest.DEFAULT_CREDS,
                    Map.of("us-east-1", east), RetryMode.STANDARD, 1, Duration.ofSeconds(5));
            try (var clients = new AwsClients(settings)) {
                clients.route53().listHostedZones();
            }
        } finally {
            server.stop(0);
        }
        assertThat(authorization.get()).contains("/us-east-1/route53/aws4_request");
    }
}
