package io.drc.strategies.handlers;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.drc.strategies.step.Hooks;
import io.drc.strategies.step.StepContext;
import io.drc.strategies.step.StepResult;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Hooks as HTTP endpoints, against a JDK HttpServer on loopback. */
class HttpHooksTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpServer server = start();
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final CountDownLatch release = new CountDownLatch(1);
    private final CountDownLatch slowArrived = new CountDownLatch(1);
    private final HttpClient http = HttpClient.newHttpClient();

    record Received(String path, String idempotencyKey, JsonNode body) { }

    private HttpServer start() {
        try {
            HttpServer s = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            s.setExecutor(Executors.newCachedThreadPool());
            s.createContext("/", exchange -> {
                String path = exchange.getRequestURI().getPath();
                received.add(new Received(path, exchange.getRequestHeaders().getFirst("Idempotency-Key"),
                        JSON.readTree(exchange.getRequestBody())));
                if (path.equals("/slow")) {
                    slowArrived.countDown();
                    awaitRelease();
                }
                int status = path.equals("/broken") ? 503 : 204;
                byte[] body = status == 503 ? "maintenance\n  in progress".getBytes(StandardCharsets.UTF_8) : new byte[0];
                exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
                exchange.getResponseBody().write(body);
                exchange.close();
            });
            s.start();
            return s;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private void awaitRelease() {
        try {
            release.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @AfterEach
    void stop() {
        release.countDown();
        server.stop(0);
    }

    private URI url(String path) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    private HttpHooks hooks(String hook, URI url, Duration timeout) {
        return new HttpHooks(Map.of(hook, new HttpHooks.Endpoint(url, timeout)), http);
    }

    private static Hooks.Call call(String hook) {
        return new Hooks.Call(hook, "e-42", "shop", "us-west-2", "us-east-1");
    }

    private static StepContext context() {
        JsonNode params = JSON.createObjectNode().put("hook", "freeze").put("application", "shop")
                .put("fromRegion", "us-west-2").put("toRegion", "us-east-1");
        Instant now = Instant.parse("2026-01-01T00:00:00Z");
        return new StepContext("e-42", "FreezeWrites", params, null, 1, now, now);
    }

    @Test
    void postsTheExecutionAndDirectionAndTakesA2xxAsDone() {
        StepResult result = hooks("freeze", url("/freeze"), Duration.ofSeconds(5)).run(call("freeze"), context());

        assertThat(result).isInstanceOf(StepResult.Succeeded.class);
        assertThat(((StepResult.Succeeded) result).output().path("status").asInt()).isEqualTo(204);
        assertThat(received).singleElement().satisfies(r -> {
            assertThat(r.path()).isEqualTo("/freeze");
            assertThat(r.idempotencyKey()).isEqualTo("e-42/freeze");
            assertThat(r.body()).isEqualTo(JSON.createObjectNode().put("hook", "freeze").put("executionId", "e-42")
                    .put("application", "shop").put("fromRegion", "us-west-2").put("toRegion", "us-east-1"));
        });
    }

    @Test
    void aNon2xxAnswerIsAHookFailureNamingHookUrlStatusAndBody() {
        StepResult result = hooks("freeze", url("/broken"), Duration.ofSeconds(5)).run(call("freeze"), context());

        assertThat(result).isInstanceOfSatisfying(StepResult.Failed.class, f -> {
            assertThat(f.error()).isEqualTo("Drc.HookFailed");
            assertThat(f.cause()).contains("hook 'freeze' (POST " + url("/broken") + ") answered 503: maintenance in progress");
        });
    }

    @Test
    void noAnswerWithinTheTimeoutIsAHookFailure() throws InterruptedException {
        StepResult result = hooks("freeze", url("/slow"), Duration.ofMillis(1500)).run(call("freeze"), context());

        assertThat(result).isInstanceOfSatisfying(StepResult.Failed.class, f -> {
            assertThat(f.error()).isEqualTo("Drc.HookFailed");
            assertThat(f.cause()).contains("hook 'freeze'").contains("did not answer within 1500ms");
        });
        // The client may give up before the server's thread has taken the request in: wait for it to get there.
        assertThat(slowArrived.await(30, TimeUnit.SECONDS)).as("the slow endpoint received the call").isTrue();
        assertThat(received).as("called once, not again after the timeout").hasSize(1);
    }

    @Test
    void anEndpointNobodyListensOnIsAHookFailure() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        StepResult result = hooks("unfreeze", URI.create("http://127.0.0.1:" + closedPort + "/unfreeze"),
                Duration.ofSeconds(5)).run(call("unfreeze"), context());

        assertThat(result).isInstanceOfSatisfying(StepResult.Failed.class, f -> {
            assertThat(f.error()).isEqualTo("Drc.HookFailed");
            assertThat(f.cause()).contains("hook 'unfreeze'").contains("could not be reached");
        });
    }

    @Test
    void aHookWithoutAnEndpointIsLoggedAndSucceeds() {
        StepResult result = hooks("freeze", url("/freeze"), Duration.ofSeconds(5)).run(call("unfreeze"), context());

        assertThat(result).isInstanceOfSatisfying(StepResult.Succeeded.class,
                s -> assertThat(s.output().path("action").asText()).isEqualTo("none configured"));
        assertThat(received).isEmpty();
    }
}
