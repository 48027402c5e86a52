package io.drc.controller.resources;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.ResourceHelpers;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import io.drc.controller.DrcApplication;
import io.drc.controller.DrcConfiguration;
import io.drc.controller.testing.OpenApiContract;
import io.drc.controller.api.ObservedRecoveryPoint;
import io.drc.controller.api.RecoveryPointState;
import io.drc.controller.core.ResourceKind;
import io.drc.controller.db.AuditLog;
import io.drc.controller.db.RecoveryPointStore;
import io.dropwizard.core.setup.Environment;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.client.Invocation;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The daemon end to end over HTTP, with AWS pointed at a loopback port where nothing listens. */
@ExtendWith(DropwizardExtensionsSupport.class)
class ApiTest {
    static final Path DB_DIR = tempDir();
    static final String DB_URL = "jdbc:h2:" + DB_DIR.resolve("drc") + ";AUTO_SERVER=FALSE";
    static final DropwizardAppExtension<DrcConfiguration> APP = new DropwizardAppExtension<>(
            WithFailingServlet.class, ResourceHelpers.resourceFilePath("test-config.yml"),
            ConfigOverride.config("database.url", DB_URL));

    /** Every /api/v1 response the tests receive is checked against the OpenAPI document. */
    @BeforeAll
    static void checkResponsesAgainstTheContract() {
        APP.client().register(OpenApiContract.filter());
    }
    static final ObjectMapper JSON = new ObjectMapper();

    /** The daemon plus a servlet outside Jersey that fails, as a bug would: Jetty itself answers the 500. */
    public static final class WithFailingServlet extends DrcApplication {
        @Override
        public void run(DrcConfiguration config, Environment environment) throws Exception {
            super.run(config, environment);
            environment.servlets().addServlet("failing", new HttpServlet() {
                @Override
                protected void service(HttpServletRequest request, HttpServletResponse response) {
                    throw new IllegalStateException("a bug in io.drc.controller.Example");
                }
            }).addMapping("/failing");
        }
    }

    /** Under target/ so the build's clean removes it; the extension starts before @TempDir exists. */
    static Path tempDir() {
        try {
            return Files.createTempDirectory(Files.createDirectories(Path.of("target")), "api-test-").toAbsolutePath();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Invocation.Builder api(String path, String token) {
        var request = APP.client().target("http://127.0.0.1:" + APP.getLocalPort() + path).request();
        return token == null ? request : request.header("Authorization", "Bearer " + token);
    }

    static JsonNode body(Response response) throws IOException {
        return JSON.readTree(response.readEntity(String.class));
    }

    static void assertErrorShape(Response response, int status, String code) throws IOException {
        assertThat(response.getStatus()).isEqualTo(status);
        JsonNode body = body(response);
        assertThat(body.get("code").asText()).isEqualTo(code);
        assertThat(body.get("message").asText()).isNotBlank();
        assertThat(body.get("requestId").asText()).isEqualTo(response.getHeaderString("X-Request-Id")).isNotBlank();
    }

    @Test
    void missingOrUnknownTokenIs401() throws IOException {
        Response missing = api("/api/v1/status", null).get();
        assertThat(missing.getHeaderString("WWW-Authenticate")).startsWith("Bearer");
        assertErrorShape(missing, 401, "unauthorized");
        assertErrorShape(api("/api/v1/status", "not-a-token").get(), 401, "unauthorized");
    }

    @Test
    void tokenWithoutTheRoleIs403AndHigherRolesImplyLowerOnes() throws IOException {
        Response viewerPost = api("/api/v1/replication/run", "test-viewer-token").post(Entity.json("{\"resource\":\"web\"}"));
        assertErrorShape(viewerPost, 403, "forbidden");
        assertThat(api("/api/v1/status", "test-viewer-token").get().getStatus()).isEqualTo(200);
        assertThat(api("/api/v1/status", "test-operator-token").get().getStatus()).isEqualTo(200);
        assertThat(api("/api/v1/status", "admin-token").get().getStatus()).isEqualTo(200);
    }

    @Test
    void errorsOfJerseyAndOfRequestBodiesShareOneShape() throws IOException {
        assertErrorShape(api("/api/v1/nothing-here", "test-viewer-token").get(), 404, "not_found");
        assertErrorShape(api("/api/v1/status", "admin-token").delete(), 405, "method_not_allowed");
        assertErrorShape(post("{\"resource\": "), 400, "malformed_json");

        Response unknownField = post("{\"resource\": \"web\", \"bogus\": 1}");
        assertThat(unknownField.getStatus()).isEqualTo(400);
        assertThat(body(unknownField).get("message").asText()).contains("'bogus'");

        Response empty = post("{\"resource\": \"\"}");
        assertThat(empty.getStatus()).isEqualTo(422);
        assertThat(body(empty).get("message").asText()).contains("resource: must not be empty");
        assertErrorShape(post("{\"resource\": \"nope\"}"), 422, "unknown_resource");
    }

    @Test
    void jettysOwn500KeepsTheContractAndNamesNoClass() throws IOException {
        Response failing = APP.client().target("http://127.0.0.1:" + APP.getLocalPort() + "/failing").request()
                .header("X-Request-Id", "trace-500").get();
        assertErrorShape(failing, 500, "internal_error");
        assertThat(failing.getHeaderString("X-Request-Id")).isEqualTo("trace-500");
        String message = body(APP.client().target("http://127.0.0.1:" + APP.getLocalPort() + "/failing").request()
                .get()).get("message").asText();
        assertThat(message).contains("server log").doesNotContain("IllegalState").doesNotContain("io.drc");
    }

    Response post(String json) {
        return api("/api/v1/replication/run", "test-operator-token").post(Entity.entity(json, MediaType.APPLICATION_JSON));
    }

    @Test
    void incomingRequestIdIsHonouredAndAudited() throws IOException {
        Response response = api("/api/v1/replication/run", "test-operator-token").header("X-Request-Id", "trace-42")
                .post(Entity.json("{\"resource\": \"web\"}"));

        assertThat(response.getStatus()).isEqualTo(202);
        // Started now, or already by the daemon's start-up baseline cycle: either way not twice.
        JsonNode run = body(response);
        boolean started = run.get("started").findValuesAsText("resource").contains("web");
        boolean inFlight = false;
        for (JsonNode id : run.get("alreadyInFlight")) {
            inFlight |= id.asText().equals("web");
        }
        assertThat(started).as("web is either started or in flight, not both: " + run).isNotEqualTo(inFlight);
        assertThat(response.getHeaderString("X-Request-Id")).isEqualTo("trace-42");
        var audit = new AuditLog(Jdbi.create(DB_URL, "sa", ""), JSON, Clock.systemUTC()).newestFirst(50);
        assertThat(audit).anySatisfy(entry -> {
            assertThat(entry.requestId()).isEqualTo("trace-42");
            assertThat(entry.principal()).isEqualTo("oncall");
            assertThat(entry.action()).isEqualTo("replication.run");
            assertThat(entry.target()).isEqualTo("web");
        });
    }

    @Test
    void statusHasTheApiShapeAndReportsUnreachableRegions() throws IOException {
        Instant source = Instant.parse("2025-01-01T10:00:00Z");
        new RecoveryPointStore(Jdbi.create(DB_URL, "sa", ""), Clock.systemUTC()).upsert(new ObservedRecoveryPoint(
                "data", ResourceKind.EBS_VOLUME, "us-west-2", source, source.plusSeconds(90),
                RecoveryPointState.COMPLETED, "snap-0abc"));

        JsonNode status = measuredStatus();

        assertThat(status.get("application").asText()).isEqualTo("shop");
        assertThat(status.get("primaryRegion").asText()).isEqualTo("us-east-1");
        assertThat(status.get("drRegion").asText()).isEqualTo("us-west-2");
        assertThat(status.get("activeRegion").asText()).isEqualTo("us-east-1");
        assertThat(status.get("strategy").asText()).isEqualTo("pilot-light");
        assertThat(status.get("ready").asBoolean()).isFalse();
        JsonNode data = status.get("resources").get(1);
        assertThat(data.get("id").asText()).isEqualTo("data");
        assertThat(data.get("kind").asText()).isEqualTo("ebs-volume");
        assertThat(data.get("region").asText()).isEqualTo("us-east-1");
        // Measured at start-up, maybe before the point above was stored: either way far from its target.
        assertThat(data.get("rpoSeconds").isNull() || data.get("rpoSeconds").asDouble() > 600).isTrue();
        assertThat(data.get("rpoTargetSeconds").asInt()).isEqualTo(600);
        assertThat(data.get("compliant").asBoolean(true)).isFalse();
        assertThat(data.get("error").asText()).isNotBlank();
        assertThat(data.get("latestRecoveryPoint").get("id").asText()).isEqualTo("snap-0abc");
        assertThat(data.get("latestRecoveryPoint").get("sourceTime").asText()).isEqualTo("2025-01-01T10:00:00Z");
        assertThat(status.get("resources").get(2).get("region").asText()).isEqualTo("us-west-2");
        assertThat(status.get("resources").get(0).get("latestRecoveryPoint").isNull()).isTrue();
        assertThat(status.get("checks")).anySatisfy(check -> {
            assertThat(check.get("name").asText()).isEqualTo("aws-us-west-2");
            assertThat(check.get("ok").asBoolean()).isFalse();
            assertThat(check.get("detail").asText()).contains("cannot reach EC2 in us-west-2");
        });
        assertThat(status.get("checks")).anySatisfy(check -> {
            assertThat(check.get("name").asText()).isEqualTo("store");
            assertThat(check.get("ok").asBoolean()).isTrue();
        });
    }

    /** The status once the replication ticker has measured RPO at start-up (polled, with a deadline). */
    /**
     * The status once "data" was measured and shows the point the test stored: pages are served for up to a second
     * (StatusPages), so a point stored outside the daemon shows within that second, not at once.
     */
    JsonNode measuredStatus() throws IOException {
        Instant deadline = Instant.now().plusSeconds(30);
        JsonNode status = body(api("/api/v1/status", "test-viewer-token").get());
        while ((status.get("resources").get(1).get("compliant").isNull()
                || status.get("resources").get(1).get("latestRecoveryPoint").isNull())
                && Instant.now().isBefore(deadline)) {
            io.drc.controller.engine.DaemonOnSimulator.pause(); // the ticker measures on its own thread: poll, do not spin
            status = body(api("/api/v1/status", "test-viewer-token").get());
        }
        return status;
    }

    @Test
    void adminServesHealthMetricsAndPrometheusText() throws IOException {
        String admin = "http://127.0.0.1:" + APP.getAdminPort();
        Response health = APP.client().target(admin + "/healthcheck").request().get();
        JsonNode checks = body(health);
        assertThat(checks.get("aws-us-east-1").get("healthy").asBoolean()).isFalse();
        assertThat(checks.get("store").get("healthy").asBoolean()).isTrue();

        assertThat(APP.client().target(admin + "/metrics").request().get().getStatus()).isEqualTo(200);
        Response prometheus = APP.client().target(admin + "/metrics/prometheus").request().get();
        assertThat(prometheus.getStatus()).isEqualTo(200);
        assertThat(prometheus.readEntity(String.class)).contains("# TYPE").contains("io_dropwizard_db_ManagedPooledDataSource_store");
    }
}
