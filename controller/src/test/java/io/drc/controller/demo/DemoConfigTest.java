package io.drc.controller.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import io.drc.controller.DrcApplication;
import io.drc.controller.DrcConfiguration;
import io.drc.controller.testing.OpenApiContract;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The README's first command, in-process: {@code config/demo.yml} as shipped (embedded simulator seeded with the
 * demo application, H2), with only ports and the database file moved so tests can run beside a live demo.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class DemoConfigTest {
    private static final int SIMULATOR_PORT = freePort();
    private static final Path TEMP = tempDir();
    private static final DropwizardAppExtension<DrcConfiguration> APP = new DropwizardAppExtension<>(
            DrcApplication.class, Path.of("..", "config", "demo.yml").toAbsolutePath().toString(),
            ConfigOverride.config("simulator.port", String.valueOf(SIMULATOR_PORT)),
            ConfigOverride.config("aws.endpoint", "http://127.0.0.1:" + SIMULATOR_PORT),
            ConfigOverride.config("server.applicationConnectors[0].port", "0"),
            ConfigOverride.config("server.adminConnectors[0].port", "0"),
            ConfigOverride.config("simulator.stateDir", TEMP.resolve("simulator").toString()),
            ConfigOverride.config("database.url", "jdbc:h2:" + TEMP.resolve("drc") + ";AUTO_SERVER=FALSE"));

    /** Every /api/v1 response the tests receive is checked against the OpenAPI document. */
    @BeforeAll
    static void checkResponsesAgainstTheContract() {
        APP.client().register(OpenApiContract.filter());
    }
    private static final String TOKEN = System.getenv().getOrDefault("DRC_TOKEN", "drc-demo-operator-token");

    @Test
    void statusShowsTheDemoApplicationInBothRegions() throws IOException {
        Response response = APP.client().target("http://127.0.0.1:" + APP.getLocalPort() + "/api/v1/status").request()
                .header("Authorization", "Bearer " + TOKEN).get();
        assertThat(response.getStatus()).isEqualTo(200);
        JsonNode status = new ObjectMapper().readTree(response.readEntity(String.class));
        assertThat(status.get("application").asText()).isEqualTo("shop");
        assertThat(status.get("primaryRegion").asText()).isEqualTo("us-east-1");
        assertThat(status.get("drRegion").asText()).isEqualTo("us-west-2");
        assertThat(status.get("strategy").asText()).isEqualTo("pilot-light");
        assertThat(status.get("resources").findValuesAsText("id"))
                .containsExactly("web", "web-data", "shop-db", "shop-db-replica");
        assertThat(status.get("checks").findValuesAsText("name")).contains("aws-us-east-1", "aws-us-west-2");
        status.get("checks").forEach(check -> assertThat(check.get("ok").asBoolean()).as(check.toString()).isTrue());
    }

    /** Whenever the demo starts, its scheduled drill fires within five minutes (DrillScheduleTest: a firing runs one). */
    @Test
    void theScheduledDrillFiresWithinTheDemosFirstMinutes() throws Exception {
        var cron = new org.quartz.CronExpression(APP.getConfiguration().getDrills().schedule());
        cron.setTimeZone(java.util.TimeZone.getTimeZone("UTC"));
        java.time.Instant start = java.time.Instant.parse("2026-03-01T00:00:00Z");
        for (int second = 0; second < 3600; second += 7) {
            java.util.Date from = java.util.Date.from(start.plusSeconds(second));
            assertThat(java.time.Duration.between(from.toInstant(), cron.getNextValidTimeAfter(from).toInstant()))
                    .isLessThanOrEqualTo(java.time.Duration.ofMinutes(5));
        }
    }

    @Test
    void statusWithoutTokenIs401() {
        Response response = APP.client().target("http://127.0.0.1:" + APP.getLocalPort() + "/api/v1/status").request().get();
        assertThat(response.getStatus()).isEqualTo(401);
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path tempDir() {
        try {
            return Files.createTempDirectory(Files.createDirectories(Path.of("target")), "demo-test-").toAbsolutePath();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
