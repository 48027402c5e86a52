package io.drc.controller.replication;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dropwizard.core.Application;
import io.dropwizard.testing.DropwizardTestSupport;
import io.drc.controller.DrcApplication;
import io.drc.controller.DrcConfiguration;
import io.drc.controller.testing.OpenApiContract;
import io.drc.simulator.Simulator;
import io.drc.simulator.SimulatorOptions;
import io.drc.simulator.core.Journal;
import io.drc.simulator.core.ManualClock;
import io.drc.simulator.demo.DemoEnvironment;
import io.drc.simulator.demo.DemoSeeder;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The daemon over HTTP against the simulator, sharing its manual clock: replicate now, watch status and the
 * recovery points, stop the daemon mid-copy and start a new one on the same database.
 */
class ReplicationApiTest {
    static final ObjectMapper JSON = new ObjectMapper();
    final HttpClient http = HttpClient.newHttpClient();
    Simulator simulator;
    DropwizardTestSupport<DrcConfiguration> app;

    @AfterEach
    void stop() {
        if (app != null) {
            app.after();
        }
        if (simulator != null) {
            simulator.close();
        }
    }

    DropwizardTestSupport<DrcConfiguration> start(Path config) throws Exception {
        ManualClock clock = simulator.manualClock();
        DropwizardTestSupport<DrcConfiguration> support = new DropwizardTestSupport<>(DrcApplication.class,
                config.toString()) {
            @Override
            public Application<DrcConfiguration> newApplication() {
                return new DrcApplication(System.out, clock);
            }
        };
        support.before();
        return support;
    }

    HttpResponse<String> call(String method, String path, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.getLocalPort() + path))
                .header("Authorization", "Bearer test-operator-token").header("Content-Type", "application/json");
        request.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        return OpenApiContract.check(http.send(request.build(), HttpResponse.BodyHandlers.ofString()));
    }

    JsonNode get(String path) throws Exception {
        return JSON.readTree(call("GET", path, null).body());
    }

    /**
     * Moves the shared clock while the daemon's ticker works, until {@code done}: 30 s at a time while a resource
     * still lacks a recovery point in DR, then a second at a time, so a slow machine cannot run the clock past
     * the targets before the daemon has measured.
     */
    JsonNode awaitStatus(Predicate<JsonNode> done) throws Exception {
        return awaitStatus(done, Duration.ofSeconds(1));
    }

    JsonNode awaitStatus(Predicate<JsonNode> done, Duration idleStep) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(120));
        JsonNode status = get("/api/v1/status");
        while (!done.test(status)) {
            assertThat(Instant.now()).as("deadline for status: " + status).isBefore(deadline);
            boolean copying = false;
            for (JsonNode resource : status.get("resources")) {
                copying |= !resource.get("kind").asText().equals("rds-replica")
                        && resource.get("latestRecoveryPoint").isNull();
            }
            simulator.manualClock().advance(copying ? Duration.ofSeconds(30) : idleStep);
            Thread.sleep(150);
            status = get("/api/v1/status");
        }
        return status;
    }

    static boolean allCompliant(JsonNode status) {
        for (JsonNode resource : status.get("resources")) {
            if (!resource.get("compliant").asBoolean(false)) {
                return false;
            }
        }
        return true;
    }

    Path config(DemoEnvironment demo) throws IOException {
        Path dir = Files.createTempDirectory(Files.createDirectories(Path.of("target")), "replication-api-");
        String yaml = ReplicationFixture.configYaml(simulator.endpoint().toString(), """
                  - {id: web, kind: ec2-instance, resourceId: %s, rpoTargetSeconds: 3600, retention: {keepLast: 1}}
                  - {id: web-data, kind: ebs-volume, resourceId: %s, rpoTargetSeconds: 3600}
                  - {id: shop-db, kind: rds-instance, resourceId: shop-db, rpoTargetSeconds: 7200}
                  - {id: shop-db-replica, kind: rds-replica, resourceId: shop-db-replica, rpoTargetSeconds: 60}
                """.formatted(demo.instanceId(), demo.volumeId()), "  tickInterval: 50ms\n  defaultSchedule: \"" + ReplicationFixture.NEVER + "\"") + """
                database:
                  driverClass: org.h2.Driver
                  url: jdbc:h2:%s;AUTO_SERVER=FALSE
                  user: sa
                  password: ""
                server:
                  applicationConnectors: [{type: http, port: 0, bindHost: 127.0.0.1}]
                  adminConnectors: [{type: http, port: 0, bindHost: 127.0.0.1}]
                logging:
                  level: WARN
                """.formatted(dir.toAbsolutePath().resolve("drc"));
        Path file = dir.resolve("drc.yml");
        Files.writeString(file, yaml);
        return file;
    }

    List<Journal.Call> copies(String action) {
        return simulator.journal().select(c -> c.action().equals(action) && c.status() == 200);
    }

    @Test
    void replicateNowOverHttpThenSurviveARestartInTheMiddleOfACopy() throws Exception {
        simulator = Simulator.start(SimulatorOptions.defaults().withPort(0)
                .withClock(new ManualClock(Instant.parse("2026-03-01T00:00:00Z"))));
        Path config = config(DemoSeeder.seedExisting(simulator));
        app = start(config);

        HttpResponse<String> run = call("POST", "/api/v1/replication/run", null);
        assertThat(run.statusCode()).isEqualTo(202);
        // The daemon's start-up baseline may have started them already: each is started or in flight, once.
        JsonNode runBody = JSON.readTree(run.body());
        List<String> covered = new java.util.ArrayList<>(runBody.get("started").findValuesAsText("resource"));
        runBody.get("alreadyInFlight").forEach(id -> covered.add(id.asText()));
        assertThat(covered).containsExactlyInAnyOrder("web", "web-data", "shop-db");

        JsonNode status = awaitStatus(ReplicationApiTest::allCompliant);
        for (JsonNode resource : status.get("resources")) {
            assertThat(resource.get("rpoSeconds").isNumber()).as(resource.toString()).isTrue();
        }
        assertThat(status.get("resources").get(1).get("latestRecoveryPoint").get("id").asText()).startsWith("snap-");
        String prometheus = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.getAdminPort()
                + "/metrics/prometheus")).build(), HttpResponse.BodyHandlers.ofString()).body();
        // labelled series only: a flat gauge per resource (drc_rpo_seconds_web_data) is gone
        assertThat(prometheus).contains("drc_rpo_seconds{resource=\"web-data\"}")
                .contains("drc_rpo_compliant{resource=\"shop-db-replica\"} 1.0")
                .doesNotContain("drc_rpo_seconds_web_data", "drc_rpo_compliant_shop_db_replica");

        // The dry run over HTTP (checked against the OpenAPI document): with keepLast 1, the next copy of web would
        // have retention deregister its AMI in each region, and the plan names the snapshots that go with each.
        JsonNode plan = JSON.readTree(call("POST", "/api/v1/replication/run",
                "{\"resource\": \"web\", \"dryRun\": true}").body());
        JsonNode deletes = plan.get("copies").get(0).get("retentionDeletes");
        assertThat(deletes.findValuesAsText("region")).containsExactlyInAnyOrder("us-east-1", "us-west-2");
        for (JsonNode deletion : deletes) {
            assertThat(deletion.get("id").asText()).startsWith("ami-");
            assertThat(deletion.get("alsoDeletesUnknown").asBoolean()).isFalse();
            assertThat(deletion.get("alsoDeletes")).isNotEmpty()
                    .allSatisfy(snapshot -> assertThat(snapshot.asText()).startsWith("snap-"));
        }

        // A second cycle of the volume with a slow copy; the daemon stops while it is copying.
        simulator.world().timings().set("ec2.snapshot.copy", Duration.ofMinutes(30));
        assertThat(call("POST", "/api/v1/replication/run", "{\"resource\": \"web-data\"}").statusCode()).isEqualTo(202);
        Instant deadline = Instant.now().plusSeconds(60);
        while (copies("CopySnapshot").size() < 2) {
            assertThat(Instant.now()).isBefore(deadline);
            simulator.manualClock().advance(Duration.ofSeconds(30));
            Thread.sleep(100);
        }
        app.after();
        app = start(config);

        awaitStatus(s -> getUnchecked("/api/v1/recovery-points?resource=web-data").get("items").findValuesAsText("state")
                .stream().filter("COMPLETED"::equals).count() >= 4, Duration.ofSeconds(60));
        assertThat(copies("CopySnapshot")).hasSize(2)
                .extracting(c -> c.params().get("SourceSnapshotId")).doesNotHaveDuplicates();
        JsonNode items = get("/api/v1/recovery-points?resource=web-data").get("items");
        assertThat(items.get(0).get("sourceTime").asText()).isGreaterThan(items.get(items.size() - 1).get("sourceTime").asText());
        assertThat(items.get(0).get("resource").asText()).isEqualTo("web-data");
        assertThat(items.get(0).get("kind").asText()).isEqualTo("ebs-volume");
        assertThat(get("/api/v1/recovery-points?resource=nope").get("code").asText()).isEqualTo("unknown_resource");
    }

    /** awaitStatus's predicate may call the API; checked exceptions become assertion failures. */
    JsonNode getUnchecked(String path) {
        try {
            return get(path);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
