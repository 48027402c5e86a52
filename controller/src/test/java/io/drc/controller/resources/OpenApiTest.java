package io.drc.controller.resources;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.ResourceHelpers;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import io.drc.controller.DrcApplication;
import io.drc.controller.DrcConfiguration;
import io.drc.controller.testing.OpenApiContract;
import io.drc.controller.testing.RawHttp;
import jakarta.ws.rs.client.Client;
import jakarta.ws.rs.client.ClientBuilder;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code GET /api/v1/openapi.json}: the document the daemon serves is {@link OpenApiDocument}'s, it covers every
 * {@code /api/v1} operation, and the validator the API tests run every response through refuses wrong shapes.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class OpenApiTest {
    static final DropwizardAppExtension<DrcConfiguration> APP = new DropwizardAppExtension<>(DrcApplication.class,
            ResourceHelpers.resourceFilePath("test-config.yml"),
            ConfigOverride.config("database.url", "jdbc:h2:" + ApiTest.tempDir().resolve("drc") + ";AUTO_SERVER=FALSE"));
    static final ObjectMapper JSON = new ObjectMapper();
    static final String VIEWER = "test-viewer-token";
    /** Generous timeouts: a loaded CI machine answers slowly, and slowness is not what this test is about. */
    static final Client HTTP = ClientBuilder.newBuilder().readTimeout(60, java.util.concurrent.TimeUnit.SECONDS).build()
            .register(OpenApiContract.filter());

    @Test
    void servesTheGeneratedOpenApi31DocumentToViewers() throws IOException {
        JsonNode served = get("/api/v1/openapi.json", VIEWER);
        // kept for readers of the build: target/openapi.json
        java.nio.file.Files.writeString(java.nio.file.Path.of("target", "openapi.json"), served.toPrettyString());
        assertThat(served).isEqualTo(JSON.readTree(OpenApiDocument.json()));
        assertThat(served.get("openapi").asText()).isEqualTo("3.1.0");
        assertThat(status("/api/v1/openapi.json", null)).isEqualTo(401);

        List<String> operations = new ArrayList<>();
        served.get("paths").fields().forEachRemaining(p -> p.getValue().fieldNames()
                .forEachRemaining(m -> operations.add(m.toUpperCase() + " " + p.getKey())));
        assertThat(operations).containsExactlyInAnyOrder(
                "GET /api/v1/status", "GET /api/v1/recovery-points", "POST /api/v1/replication/run",
                "POST /api/v1/failovers", "POST /api/v1/failbacks", "GET /api/v1/executions",
                "GET /api/v1/executions/{id}", "POST /api/v1/executions/{id}/approve",
                "POST /api/v1/executions/{id}/cancel", "GET /api/v1/executions/{id}/events",
                "POST /api/v1/drills", "GET /api/v1/drills", "GET /api/v1/drills/{id}",
                "GET /api/v1/resources/{id}/rpo", "GET /api/v1/whoami", "GET /api/v1/cluster",
                "GET /api/v1/openapi.json");
        // every operation says what its errors look like, and the schemas are exact
        served.get("paths").forEach(path -> path.forEach(op -> assertThat(op.at("/responses/default/content"
                + "/application~1json/schema/$ref").asText()).isEqualTo("#/components/schemas/ErrorBody")));
        JsonNode status = served.at("/components/schemas/StatusResponse");
        assertThat(status.get("additionalProperties").asBoolean(true)).isFalse();
        assertThat(status.get("required")).extracting(JsonNode::asText).contains("ready", "activeRegion", "resources");
    }

    /**
     * OpenApiDocument.RESOURCES is written by hand (GET /api/v1/cluster was once missing from it): every resource
     * DrcApplication.run() registers under /api/v1 must be in it, and nothing else.
     */
    @Test
    void theDocumentDescribesEveryRegisteredApiResource() {
        var jersey = APP.getEnvironment().jersey().getResourceConfig();
        java.util.Set<Class<?>> registered = new java.util.HashSet<>(jersey.getClasses());
        jersey.getInstances().forEach(i -> registered.add(i.getClass()));
        List<Class<?>> api = registered.stream().filter(c -> c.isAnnotationPresent(jakarta.ws.rs.Path.class)
                && c.getAnnotation(jakarta.ws.rs.Path.class).value().startsWith("/api/v1")).toList();
        assertThat(api).as("the /api/v1 resources DrcApplication registers").hasSizeGreaterThan(5);
        assertThat(OpenApiDocument.RESOURCES).as("OpenApiDocument.RESOURCES").containsExactlyInAnyOrderElementsOf(api);
    }

    @Test
    void aRealResponseValidatesAndEveryWrongShapeOfItIsRefused() throws IOException {
        JsonNode status = get("/api/v1/status", VIEWER);
        assertThat(problems(status)).isEmpty();

        assertThat(problems(changed(status, s -> s.put("ready", "yes")))).singleElement().asString().contains("ready");
        assertThat(problems(changed(status, s -> s.remove("activeRegion")))).singleElement().asString()
                .contains("activeRegion");
        assertThat(problems(changed(status, s -> s.put("colour", "green")))).singleElement().asString()
                .contains("colour");
        // null exactly where the daemon may write null: never the serving region, a page's cursor at the last page
        assertThat(problems(changed(status, s -> s.putNull("activeRegion")))).singleElement().asString()
                .contains("activeRegion");
        assertThat(problems(changed(status, s -> s.putNull("nextCursor")))).isEmpty();
        assertThat(problems(changed(status, s -> ((ObjectNode) s.get("resources").get(0)).putNull("id"))))
                .singleElement().asString().contains("id");
        assertThat(problems(changed(status, s -> ((ObjectNode) s.get("resources").get(0)).put("kind", "floppy"))))
                .singleElement().asString().contains("kind");
        assertThat(problems(changed(status, s -> ((ObjectNode) s.get("resources").get(0)).put("rpoTargetSeconds",
                (String) null)))).singleElement().asString().contains("rpoTargetSeconds");

        OpenApiContract contract = OpenApiContract.served();
        assertThat(contract.problems("GET", "/api/v1/status", 201, "application/json", status.toString()))
                .singleElement().asString().contains("status 201 is not documented");
        assertThat(contract.problems("GET", "/api/v1/status", 200, "text/plain", "ok")).singleElement().asString()
                .contains("text/plain");
        assertThat(contract.problems("GET", "/api/v1/nothing", 200, "application/json", "{}")).singleElement()
                .asString().contains("no operation");
        assertThat(contract.problems("GET", "/api/v1/status", 404, "application/json", "{\"code\": 404}")).isNotEmpty();
        // templated paths resolve too: an execution without its fields is refused, naming what is missing
        assertThat(contract.problems("GET", "/api/v1/executions/x", 200, "application/json", "{\"id\": \"x\"}"))
                .anySatisfy(p -> assertThat(p).contains("steps"));
        assertThat(contract.problems("GET", "/api/v1/executions/x/events", 200, "text/event-stream", null)).isEmpty();
        // Jersey answers /status/ as /status: checked as that operation, wrong shapes refused there too
        assertThat(contract.problems("GET", "/api/v1/status/", 200, "application/json", status.toString())).isEmpty();
        assertThat(contract.problems("GET", "/api/v1/status/", 200, "application/json", "{}")).isNotEmpty();
        // an OPTIONS answer (the raw-socket tests send them) must allow exactly the documented methods
        RawHttp options = RawHttp.request("OPTIONS", "/api/v1/failovers");
        assertThat(contract.problems(options, new RawHttp.Reply(200, Map.of("allow", "POST,OPTIONS"), ""))).isEmpty();
        assertThat(contract.problems(options, new RawHttp.Reply(200, Map.of("allow", "POST,DELETE,OPTIONS"), "")))
                .singleElement().asString().contains("DELETE");
    }

    /** The hook the API tests' clients carry fails a request whose answer is shaped wrong. */
    @Test
    void theClientFilterFailsARequestAnsweredOutsideTheContract() throws IOException {
        HttpServer wrong = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        wrong.createContext("/", exchange -> {
            byte[] body = "{\"ready\": \"yes\"}".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        wrong.start();
        Client client = ClientBuilder.newClient().register(OpenApiContract.filter());
        try {
            assertThatThrownBy(() -> client.target("http://127.0.0.1:" + wrong.getAddress().getPort()
                    + "/api/v1/status").request().get().close())
                    .hasStackTraceContaining("GET /api/v1/status answered 200 outside the OpenAPI document")
                    .hasStackTraceContaining("ready");
        } finally {
            client.close();
            wrong.stop(0);
        }
    }

    private static List<String> problems(JsonNode status) {
        return OpenApiContract.served().problems("GET", "/api/v1/status", 200, "application/json", status.toString());
    }

    private static JsonNode changed(JsonNode original, Consumer<ObjectNode> change) {
        ObjectNode copy = original.deepCopy();
        change.accept(copy);
        return copy;
    }

    private static JsonNode get(String path, String token) throws IOException {
        var response = HTTP.target("http://127.0.0.1:" + APP.getLocalPort() + path).request()
                .header("Authorization", "Bearer " + token).get();
        assertThat(response.getStatus()).isEqualTo(200);
        return JSON.readTree(response.readEntity(String.class));
    }

    private static int status(String path, String token) {
        var request = HTTP.target("http://127.0.0.1:" + APP.getLocalPort() + path).request();
        return (token == null ? request : request.header("Authorization", "Bearer " + token)).get().getStatus();
    }
}
