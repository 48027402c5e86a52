package io.drc.controller.killnine;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.drc.simulator.SimulatorClients;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.rds.RdsClient;

/**
 * Issue 11 point 7: the demo as shipped ({@code config/demo.yml}: embedded simulator with {@code stateDir}, H2 file)
 * killed with SIGKILL mid-copy and again mid-failover. The simulator dies with the daemon; restarted on the same
 * directory it continues with the cloud the daemon's database remembers: the replication job finds its copy, and the
 * execution sees the promotion it started complete. Before persistence, the fresh simulator re-seeded the demo: the
 * copy did not exist and the replica never became a primary.
 */
class DemoKillNineIT {
    private static final String TOKEN = System.getenv().getOrDefault("DRC_TOKEN", "drc-demo-operator-token");
    private static final Duration PATIENCE = Duration.ofMinutes(4);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private int appPort;

    @Test
    void theDemoKilledMidCopyAndMidFailoverFinishesBoth() throws Exception {
        Path workDir = Files.createDirectories(Path.of("target", "killnine", "demo-" + System.currentTimeMillis()))
                .toAbsolutePath();
        appPort = KillNineRig.freePort();
        int simulatorPort = KillNineRig.freePort();
        String yaml = Files.readString(Path.of("..", "config", "demo.yml"))
                .replace("port: 4566", "port: " + simulatorPort)
                .replace("http://127.0.0.1:4566", "http://127.0.0.1:" + simulatorPort)
                .replace("port: 8080", "port: " + appPort)
                .replace("port: 8081", "port: " + KillNineRig.freePort())
                // as KillNineConfig: a killed daemon's leases (5 min by default) expire before its successor starts
                .replace("  pollInterval: 5s\n", "  pollInterval: 5s\n  lease: 3s\n")
                + "\nengine:\n  lease: 3s\n";
        Path config = Files.writeString(workDir.resolve("demo.yml"), yaml);
        DaemonProcess daemon = new DaemonProcess(Path.of("target", "drc.jar").toAbsolutePath(), workDir);
        URI ready = URI.create("http://127.0.0.1:" + appPort + "/api/v1/executions");
        SimulatorClients aws = new SimulatorClients(URI.create("http://127.0.0.1:" + simulatorPort));
        try (Ec2Client west = aws.ec2("us-west-2"); RdsClient rds = aws.rds("us-west-2")) {
            daemon.start(config, ready, TOKEN);

            // mid-copy: the EBS recovery point's copy into DR is pending when the daemon (and its simulator) dies
            assertThat(call("POST", "/api/v1/replication/run", "{\"resource\": \"web-data\"}").status()).isEqualTo(202);
            JsonNode copying = await("a pending copy of web-data in us-west-2", () -> drPoint(), p -> p != null
                    && p.get("state").asText().equals("PENDING"));
            String copyId = copying.get("id").asText();
            assertThat(west.describeSnapshots(r -> r.snapshotIds(copyId)).snapshots().get(0).stateAsString())
                    .isEqualTo("pending");
            assertThat(daemon.kill9()).isTrue();
            assertThat(workDir.resolve("data").resolve("simulator").resolve("world.bin")).exists();

            daemon.start(config, ready, TOKEN);
            await("the copy started before the kill completes", () -> drPoint(),
                    p -> p != null && p.get("id").asText().equals(copyId) && p.get("state").asText().equals("COMPLETED"));

            // mid-failover: the promotion was issued and is still running when the daemon dies
            Answer posted = call("POST", "/api/v1/failovers", "{\"confirm\": \"us-west-2\", \"reason\": \"kill -9 demo\"}");
            assertThat(posted.status()).as("%s", posted.body()).isEqualTo(202);
            String id = posted.body().get("id").asText();
            await("the replica is being promoted", () -> rds.describeDBInstances(
                    r -> r.dbInstanceIdentifier("shop-db-replica")).dbInstances().get(0).dbInstanceStatus(),
                    "modifying"::equals);
            assertThat(daemon.kill9()).isTrue();

            daemon.start(config, ready, TOKEN);
            JsonNode done = await("the failover ends", () -> call("GET", "/api/v1/executions/" + id, null).body(),
                    e -> e.get("status").asText().matches("SUCCEEDED|FAILED|CANCELLED"));
            assertThat(done.get("status").asText()).as(done.toPrettyString()).isEqualTo("SUCCEEDED");
            assertThat(rds.describeDBInstances(r -> r.dbInstanceIdentifier("shop-db-replica")).dbInstances().get(0)
                    .readReplicaSourceDBInstanceIdentifier()).as("the promotion the first daemon started").isNull();
            assertThat(daemon.killExits()).containsExactly(DaemonProcess.SIGKILL_EXIT, DaemonProcess.SIGKILL_EXIT);
        } finally {
            daemon.stop();
        }
    }

    private JsonNode drPoint() {
        JsonNode items = call("GET", "/api/v1/recovery-points?resource=web-data", null).body().get("items");
        for (JsonNode item : items) {
            if (item.get("region").asText().equals("us-west-2")) {
                return item;
            }
        }
        return null;
    }

    private record Answer(int status, JsonNode body) { }

    private Answer call(String method, String path, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + appPort + path))
                .header("Authorization", "Bearer " + TOKEN).timeout(Duration.ofSeconds(10));
        request = body == null ? request.method(method, HttpRequest.BodyPublishers.noBody())
                : request.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(body));
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(),
                    response.body().isEmpty() ? null : KillNineRig.JSON.readTree(response.body()));
        } catch (IOException e) {
            throw new AssertionError(method + " " + path + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static <T> T await(String what, java.util.function.Supplier<T> probe, Predicate<T> done) {
        Instant deadline = Instant.now().plus(PATIENCE);
        T last = probe.get();
        while (!done.test(last)) {
            assertThat(Instant.now()).as("%s within %s; last seen %s", what, PATIENCE, last).isBefore(deadline);
            DaemonProcess.pause(100);
            last = probe.get();
        }
        return last;
    }
}
