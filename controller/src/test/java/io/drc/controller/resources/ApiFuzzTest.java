package io.drc.controller.resources;

import static org.assertj.core.api.Assertions.assertThat;

import io.drc.controller.engine.DaemonOnSimulator;
import io.drc.controller.testing.ErrorContract;
import io.drc.controller.testing.OpenApiContract;
import io.drc.controller.testing.RawHttp;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The API fuzz (issue 8): {@value #REQUESTS} requests generated from a fixed seed over every endpoint of both
 * connectors — mutated methods, paths, tokens, headers and bodies, sent over raw sockets to the daemon running on
 * the simulator. Every answer must come (no hang, no reset without a reply), no answer may be a 5xx, and every
 * 4xx must keep the error contract ({@link ErrorContract}), and every answer of the API port, success or error, must
 * be one the OpenAPI document allows ({@link OpenApiContract}). Prints its figures: requests, status histogram,
 * contract-shaped share, 5xx count, answers outside the OpenAPI document. Valid requests get through and do what they ask (a failover may start).
 */
class ApiFuzzTest {
    static final long SEED = 20_260_301L;
    static final int REQUESTS = 1_200;
    static final String[] TOKENS = {null, "not-a-token", DaemonOnSimulator.VIEWER, DaemonOnSimulator.OPERATOR,
        DaemonOnSimulator.OPERATOR, DaemonOnSimulator.OPERATOR, "admin-token"};
    static final String[] METHODS = {"GET", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "TRACE", "CONNECT", "FOO"};
    static final String[] FIELDS = {"strategy", "reason", "confirm", "dryRun", "resource", "force", "bogus", "DryRun"};
    static final String[] VALUES = {"true", "false", "\"true\"", "\"false\"", "0", "1", "-1", "1.5", "1e999", "null",
        "\"\"", "\"us-west-2\"", "\"us-east-1\"", "\"pilot-light\"", "\"web\"", "\"data\"", "[]", "{}", "[true]",
        "{\"a\": 1}", "\"\\u0000\"", "\"\\ud800\"", "\"caf\u00e9\""};

    static DaemonOnSimulator drc;

    /** One endpoint: where, with what method, and whether it reads a JSON body. */
    record Endpoint(boolean admin, String method, String path, boolean body) { }

    static final List<Endpoint> ENDPOINTS = List.of(
            new Endpoint(false, "GET", "/api/v1/status", false),
            new Endpoint(false, "GET", "/api/v1/recovery-points", false),
            new Endpoint(false, "GET", "/api/v1/recovery-points?resource=web", false),
            new Endpoint(false, "POST", "/api/v1/replication/run", true),
            new Endpoint(false, "POST", "/api/v1/failovers", true),
            new Endpoint(false, "POST", "/api/v1/failbacks", true),
            new Endpoint(false, "GET", "/api/v1/executions", false),
            new Endpoint(false, "GET", "/api/v1/executions?kind=failover", false),
            new Endpoint(false, "GET", "/api/v1/executions/{id}", false),
            new Endpoint(false, "POST", "/api/v1/executions/{id}/approve", false),
            new Endpoint(false, "POST", "/api/v1/executions/{id}/cancel", false),
            new Endpoint(false, "GET", "/api/v1/drills", false),
            new Endpoint(false, "GET", "/", false),
            new Endpoint(true, "GET", "/healthcheck", false),
            new Endpoint(true, "GET", "/metrics", false),
            new Endpoint(true, "GET", "/metrics/prometheus", false),
            new Endpoint(true, "GET", "/ping", false));

    @BeforeAll
    static void start() throws Exception {
        drc = new DaemonOnSimulator().startDaemon();
    }

    @AfterAll
    static void stop() {
        drc.close();
    }

    @Test
    void generatedRequestsOverEveryEndpointGetNo5xxAndOnlyContractShapedErrors() {
        long started = System.nanoTime();
        Random random = new Random(SEED);
        Map<Integer, Integer> histogram = new TreeMap<>();
        List<String> ids = new ArrayList<>(List.of("exec-00000000-0000-0000-0000-000000000000"));
        List<String> broken = new ArrayList<>();
        List<String> undocumented = new ArrayList<>();
        int outsideDocument = 0;
        int errors = 0;
        int shaped = 0;
        int fiveHundreds = 0;
        for (int i = 0; i < REQUESTS; i++) {
            Endpoint endpoint = ENDPOINTS.get(random.nextInt(ENDPOINTS.size()));
            RawHttp request = generate(random, endpoint, ids.get(random.nextInt(ids.size())));
            RawHttp.Reply reply = request.send(endpoint.admin() ? drc.adminPort() : drc.port());
            histogram.merge(reply.status(), 1, Integer::sum);
            if (reply.status() == 202 && reply.json() != null && reply.json().hasNonNull("id")) {
                ids.add(reply.json().get("id").asText());
            }
            if (reply.status() >= 500 || reply.status() == -1) {
                fiveHundreds++;
                broken.add(i + ": " + request + "\n  -> " + reply.status() + " " + reply.body());
            }
            List<String> contract = endpoint.admin() ? List.of() : OpenApiContract.served().problems(request, reply);
            if (!contract.isEmpty()) {
                outsideDocument++;
                if (undocumented.size() < 20) {
                    undocumented.add(i + ": " + request + "\n  -> " + reply.status() + " " + contract);
                }
            }
            if (reply.status() >= 400 || reply.status() == -1) {
                errors++;
                List<String> problems = ErrorContract.problems(reply);
                if (problems.isEmpty()) {
                    shaped++;
                } else if (broken.size() < 20 && reply.status() < 500) {
                    broken.add(i + ": " + request + "\n  -> " + reply.status() + " " + problems);
                }
            }
        }
        System.out.printf("API fuzz (seed %d): %d requests over %d endpoints in %d s; statuses %s; %d errors, %d "
                        + "(%.1f %%) contract-shaped; %d x 5xx; %d answers outside the OpenAPI document; %d executions "
                        + "started%n", SEED, REQUESTS, ENDPOINTS.size(), (System.nanoTime() - started) / 1_000_000_000,
                histogram, errors, shaped, errors == 0 ? 100.0 : 100.0 * shaped / errors, fiveHundreds,
                outsideDocument, ids.size() - 1);
        // what the fuzz started stops here, so the daemon stops without waiting on a failover in flight
        ids.stream().skip(1).forEach(id -> RawHttp.request("POST", "/api/v1/executions/" + id + "/cancel")
                .bearer(DaemonOnSimulator.OPERATOR).send(drc.port()));
        assertThat(broken).as("5xx and errors that broke the contract (first 20)").isEmpty();
        assertThat(fiveHundreds).as("5xx or no answer").isZero();
        assertThat(undocumented).as("answers outside the OpenAPI document (first 20)").isEmpty();
        assertThat(histogram.keySet()).as("the fuzz reached success and refusal alike").contains(200, 400, 401, 404);
    }

    static RawHttp generate(Random random, Endpoint endpoint, String id) {
        String method = random.nextInt(5) == 0 ? pick(random, METHODS) : endpoint.method();
        RawHttp request = RawHttp.request(method, path(random, endpoint.path().replace("{id}", id)))
                .bearer(endpoint.admin() && random.nextBoolean() ? null : pick(random, TOKENS));
        headers(random, request);
        if (endpoint.body() || random.nextInt(10) == 0) {
            body(random, request);
        }
        return request.halfClose();
    }

    static String path(Random random, String path) {
        return switch (random.nextInt(16)) {
            case 0 -> path + "/" + "x".repeat(random.nextInt(3000));
            case 1 -> path + "%00";
            case 2 -> path + "/%2e%2e/%2e%2e/status";
            case 3 -> path.replace("/v1/", "//v1/");
            case 4 -> path + "/";
            case 5 -> path.toUpperCase(java.util.Locale.ROOT);
            case 6 -> path + (path.contains("?") ? "&" : "?") + "kind=" + "k".repeat(random.nextInt(500)) + "&limit=-1";
            case 7 -> path + "%zz";
            case 8 -> "/api/v1/executions/" + "e".repeat(100 + random.nextInt(600)) + "/cancel";
            default -> path;
        };
    }

    static void headers(Random random, RawHttp request) {
        if (random.nextInt(4) == 0) {
            request.header("Accept", pick(random, new String[] {"application/json", "text/html", "application/xml",
                "*/*", ";;;", "application/json;q=0", "text/event-stream"}));
        }
        if (random.nextInt(5) == 0) {
            request.header("Idempotency-Key", pick(random, new String[] {new UUID(random.nextLong(), random.nextLong()).toString(), "k".repeat(150),
                "k".repeat(201 + random.nextInt(300)), "a\tb", "caf\u00e9", " ", "fuzz-key"}));
        }
        if (random.nextInt(6) == 0) {
            request.header("X-Request-Id", pick(random, new String[] {"fuzz-" + random.nextInt(1000), "bad id!",
                "r".repeat(300), ""}));
        }
        if (random.nextInt(12) == 0) {
            request.header("X-Padding", "p".repeat(random.nextInt(12_000)));
        }
    }

    static void body(Random random, RawHttp request) {
        byte[] json = json(random).getBytes(StandardCharsets.UTF_8);
        if (random.nextInt(8) != 0) {
            request.header("Content-Type", pick(random, new String[] {"application/json", "application/json",
                "application/json", "application/json; charset=utf-8", "application/json; charset=bogus", "text/plain",
                "application/x-www-form-urlencoded", "multipart/form-data", ";;;", "application/json; charset=utf-16"}));
        }
        switch (random.nextInt(12)) {
            case 0 -> request.header("Content-Encoding", "gzip").body(gzip(json));
            case 1 -> request.header("Content-Encoding", "gzip").body(json);
            case 2 -> request.header("Transfer-Encoding", "chunked").withoutContentLength()
                    .body(MalformedRequestsTest.chunked(json));
            case 3 -> request.header("Transfer-Encoding", "chunked").withoutContentLength()
                    .body(("ff\r\n" + new String(json, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8));
            case 4 -> request.header("Content-Length", Integer.toString(json.length + 1 + random.nextInt(100)))
                    .withoutContentLength().body(json);
            case 5 -> request.body(randomBytes(random, random.nextInt(300)));
            default -> request.body(json);
        }
    }

    /**
     * A valid request with at most one thing wrong (a quarter of the bodies), or an object from the request fields
     * and odd values: wrong types, duplicates, truncation, size, nesting.
     */
    static String json(Random random) {
        if (random.nextInt(4) == 0) {
            String confirm = random.nextBoolean() ? "us-west-2" : "us-east-1";
            String valid = "{\"confirm\": \"" + confirm + "\", \"reason\": \"fuzz\", \"dryRun\": "
                    + (random.nextInt(4) != 0) + "}";
            return random.nextBoolean() ? valid : valid.replace("\"reason\": \"fuzz\"", "\"" + pick(random, FIELDS)
                    + "\": " + pick(random, VALUES));
        }
        StringBuilder json = new StringBuilder("{");
        int fields = random.nextInt(5);
        for (int f = 0; f < fields; f++) {
            json.append(f == 0 ? "" : ", ").append('"').append(pick(random, FIELDS)).append("\": ")
                    .append(pick(random, VALUES));
        }
        if (random.nextInt(3) == 0) {
            json.append(fields == 0 ? "" : ", ").append("\"confirm\": \"")
                    .append(random.nextBoolean() ? "us-west-2" : "us-east-1").append('"');
        }
        json.append('}');
        return switch (random.nextInt(14)) {
            case 0 -> json.substring(0, random.nextInt(json.length()));
            case 1 -> "{\"reason\": \"" + "r".repeat(900 + random.nextInt(200)) + "\", \"confirm\": \"us-west-2\"}";
            case 2 -> "{\"reason\": \"" + "r".repeat(64 * 1024) + "\"}";
            case 3 -> "[".repeat(2000) + "]".repeat(2000);
            case 4 -> json.toString() + json;
            case 5 -> "";
            case 6 -> "null";
            default -> json.toString();
        };
    }

    static byte[] randomBytes(Random random, int n) {
        byte[] bytes = new byte[n];
        random.nextBytes(bytes);
        return bytes;
    }

    static byte[] gzip(byte[] bytes) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (GZIPOutputStream zip = new GZIPOutputStream(out)) {
                zip.write(bytes);
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String pick(Random random, String[] values) {
        return values[random.nextInt(values.length)];
    }
}
