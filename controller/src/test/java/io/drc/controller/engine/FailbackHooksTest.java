package io.drc.controller.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import io.dropwizard.testing.ConfigOverride;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The fail-back's freeze and unfreeze hooks as HTTP endpoints of the application (a JDK HttpServer on loopback):
 * called once each, freeze before the DNS flip and unfreeze after it; a hook that keeps failing is retried, then
 * fails the fail-back naming the hook and its answer, with traffic left where it was.
 */
class FailbackHooksTest {
    private static final Set<String> ENDED = Set.of("SUCCEEDED", "FAILED", "CANCELLED");
    private final DaemonOnSimulator drc = new DaemonOnSimulator();
    private final List<HookCall> calls = new CopyOnWriteArrayList<>();
    private final HttpServer hookServer = startHookServer();
    private volatile int freezeStatus = 200;
    private volatile long failbackStartSeq;

    /** One request to the hook server, and how many DNS changes the fail-back had made when it came. */
    record HookCall(String path, JsonNode body, long dnsChangesBefore) { }

    private HttpServer startHookServer() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.createContext("/", exchange -> {
                String path = exchange.getRequestURI().getPath();
                calls.add(new HookCall(path, DaemonOnSimulator.JSON.readTree(exchange.getRequestBody()), dnsChanges()));
                exchange.sendResponseHeaders(path.equals("/freeze") ? freezeStatus : 200, -1);
                exchange.close();
            });
            server.start();
            return server;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private long dnsChanges() {
        return drc.simulator.journal().since(failbackStartSeq).stream()
                .filter(c -> c.action().equals("ChangeResourceRecordSets")).count();
    }

    @AfterEach
    void close() {
        hookServer.stop(0);
        drc.close();
    }

    private void start() throws Exception {
        String hooks = "http://127.0.0.1:" + hookServer.getAddress().getPort();
        drc.startDaemon(ConfigOverride.config("engine.runbooks", Path.of("..", "runbooks").toAbsolutePath().toString()),
                ConfigOverride.config("recovery.hooks.freeze.url", hooks + "/freeze"),
                ConfigOverride.config("recovery.hooks.unfreeze.url", hooks + "/unfreeze"),
                ConfigOverride.config("recovery.hooks.unfreeze.timeout", "5s"));
    }

    private JsonNode run(String path, String confirm) {
        String id = DaemonOnSimulator.body(drc.post(path, "{\"confirm\": \"" + confirm + "\"}")).get("id").asText();
        return drc.driveUntil(id, ENDED);
    }

    private JsonNode failoverThenFailBack() {
        assertThat(run("/api/v1/failovers", "us-west-2").get("status").asText()).isEqualTo("SUCCEEDED");
        assertThat(calls).as("a failover calls no hook").isEmpty();
        failbackStartSeq = drc.simulator.journal().lastSeq();
        return run("/api/v1/failbacks", "us-east-1");
    }

    @Test
    void freezeBeforeTheDnsFlipAndUnfreezeAfterItOnceEach() throws Exception {
        start();
        JsonNode failback = failoverThenFailBack();

        assertThat(failback.get("status").asText()).as(failback.toPrettyString()).isEqualTo("SUCCEEDED");
        assertThat(calls).extracting(HookCall::path).containsExactly("/freeze", "/unfreeze");
        assertThat(calls).extracting(HookCall::dnsChangesBefore).as("DNS changes made when each hook was called")
                .containsExactly(0L, 1L);
        assertThat(dnsChanges()).isEqualTo(1);
        JsonNode freeze = calls.get(0).body();
        assertThat(freeze.get("hook").asText()).isEqualTo("freeze");
        assertThat(freeze.get("executionId").asText()).isEqualTo(failback.get("id").asText());
        assertThat(freeze.get("application").asText()).isEqualTo("shop");
        assertThat(freeze.get("fromRegion").asText()).isEqualTo("us-west-2");
        assertThat(freeze.get("toRegion").asText()).isEqualTo("us-east-1");
        assertThat(step(failback, "FreezeWrites").get("attempts").asInt()).isEqualTo(1);
        assertThat(step(failback, "UnfreezeWrites").get("attempts").asInt()).isEqualTo(1);
    }

    @Test
    void aFreezeHookThatKeepsFailingIsRetriedThenFailsTheFailBackAndTrafficStaysOnDr() throws Exception {
        start();
        freezeStatus = 503;
        JsonNode failback = failoverThenFailBack();

        assertThat(failback.get("status").asText()).isEqualTo("FAILED");
        assertThat(failback.get("error").asText()).isEqualTo("Drc.HookFailed");
        assertThat(failback.get("cause").asText()).contains("hook 'freeze'").contains("/freeze) answered 503");
        assertThat(calls).extracting(HookCall::path).as("first call and the runbook's 3 retries")
                .containsExactly("/freeze", "/freeze", "/freeze", "/freeze");
        assertThat(step(failback, "FreezeWrites").get("attempts").asInt()).isEqualTo(4);
        assertThat(dnsChanges()).as("no DNS change after a failed freeze").isZero();
        assertThat(drc.weights()).containsEntry("dr", 100L).containsEntry("primary", 0L);
    }

    private static JsonNode step(JsonNode execution, String name) {
        for (JsonNode step : execution.get("steps")) {
            if (step.get("name").asText().equals(name)) {
                return step;
            }
        }
        throw new AssertionError("no step " + name + " in " + execution.toPrettyString());
    }
}
