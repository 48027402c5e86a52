package io.drc.controller.resources;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.dropwizard.testing.ConfigOverride;
import io.drc.controller.engine.DaemonOnSimulator;
import io.drc.controller.testing.ErrorContract;
import io.drc.controller.testing.OpenApiContract;
import io.drc.controller.testing.RawHttp;
import io.drc.simulator.core.Journal;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 8's table: malformed bodies and headers, odd methods and paths, sent over raw sockets to the daemon
 * running on the simulator. Each must be a 4xx in the API's error shape naming no class, and (on the API port) one
 * the OpenAPI document allows; none may start an execution or make a mutating AWS call.
 */
class MalformedRequestsTest {
    static final String OPERATOR = DaemonOnSimulator.OPERATOR;
    static final String FAILOVERS = "/api/v1/failovers";
    static final String VALID = "\"confirm\": \"us-west-2\", \"reason\": \"table test\"";
    static DaemonOnSimulator drc;

    @BeforeAll
    static void start() throws Exception {
        // a body that stops arriving is given up after a second rather than Jetty's default 30 s
        drc = new DaemonOnSimulator().startDaemon(
                ConfigOverride.config("server.applicationConnectors[0].idleTimeout", "1s"));
    }

    @AfterAll
    static void stop() {
        drc.close();
    }

    /** One row: what is sent, where, and the status and code it must get. */
    record Case(String name, RawHttp request, boolean admin, int status, String code) {
        static Case app(String name, RawHttp request, int status, String code) {
            return new Case(name, request, false, status, code);
        }
    }

    static RawHttp failover(String body) {
        return RawHttp.request("POST", FAILOVERS).bearer(OPERATOR).json("{" + body + "}");
    }

    static List<Case> cases() throws IOException {
        List<Case> cases = new ArrayList<>();
        // coerced and null booleans: each must be refused, never read as a real failover
        for (String dryRun : List.of("\"\"", "\"false\"", "\"true\"", "0", "1", "0.0", "null", "[]", "{}", "[false]")) {
            cases.add(Case.app("dryRun " + dryRun, failover(VALID + ", \"dryRun\": " + dryRun), 400, "invalid_value"));
        }
        cases.add(Case.app("duplicate dryRun", failover(VALID + ", \"dryRun\": true, \"dryRun\": false"), 400,
                "duplicate_field"));
        cases.add(Case.app("duplicate confirm", failover(VALID + ", \"confirm\": \"us-west-2\""), 400, "duplicate_field"));
        cases.add(Case.app("confirm as number", failover("\"confirm\": 5"), 400, "invalid_value"));
        cases.add(Case.app("confirm as boolean", failover("\"confirm\": true"), 400, "invalid_value"));
        cases.add(Case.app("reason as object", failover(VALID.replace("\"table test\"", "{\"a\": 1}")), 400,
                "invalid_value"));
        cases.add(Case.app("unknown field", failover(VALID + ", \"dryrun\": true"), 400, "unknown_field"));
        cases.add(Case.app("body is an array", RawHttp.request("POST", FAILOVERS).bearer(OPERATOR).json("[]"), 400,
                "malformed_json"));
        cases.add(Case.app("body is a string", RawHttp.request("POST", FAILOVERS).bearer(OPERATOR).json("\"go\""), 400,
                "malformed_json"));
        cases.add(Case.app("body is a number", RawHttp.request("POST", FAILOVERS).bearer(OPERATOR).json("1"), 400,
                "malformed_json"));
        cases.add(Case.app("trailing second object", RawHttp.request("POST", FAILOVERS).bearer(OPERATOR)
                .json("{" + VALID + "} {\"dryRun\": true}"), 400, "malformed_json"));
        cases.add(Case.app("truncated JSON", RawHttp.request("POST", FAILOVERS).bearer(OPERATOR)
                .json("{\"confirm\": \"us-we"), 400, "malformed_json"));
        cases.add(Case.app("not UTF-8", RawHttp.request("POST", FAILOVERS).bearer(OPERATOR)
                .header("Content-Type", "application/json").body(new byte[] {'{', '"', (byte) 0xff, (byte) 0xfe, '"',
                        ':', '1', '}'}), 400, "malformed_json"));
        cases.add(Case.app("nesting 3000 deep", failover("\"confirm\": " + "[".repeat(3000) + "]".repeat(3000)), 400,
                "invalid_value"));
        // over-long fields and bodies
        cases.add(Case.app("reason 1001 characters", failover("\"confirm\": \"us-west-2\", \"reason\": \""
                + "r".repeat(1001) + "\""), 400, "too_long"));
        cases.add(Case.app("confirm 129 characters", failover("\"confirm\": \"" + "c".repeat(129) + "\""), 400,
                "too_long"));
        cases.add(Case.app("strategy 129 characters", failover(VALID + ", \"strategy\": \"" + "s".repeat(129) + "\""),
                400, "too_long"));
        cases.add(Case.app("replication resource 129 characters", RawHttp.request("POST", "/api/v1/replication/run")
                .bearer(OPERATOR).json("{\"resource\": \"" + "x".repeat(129) + "\"}"), 400, "too_long"));
        String big = "{" + VALID + ", \"strategy\": \"" + "s".repeat(70 * 1024) + "\"}";
        cases.add(Case.app("body over 64 KiB", RawHttp.request("POST", FAILOVERS).bearer(OPERATOR).json(big), 413,
                "body_too_large"));
        cases.add(Case.app("chunked body over 64 KiB", RawHttp.request("POST", FAILOVERS).bearer(OPERATOR)
                .header("Content-Type", "application/json").header("Transfer-Encoding", "chunked")
                .withoutContentLength().body(chunked(big.getBytes(StandardCharsets.UTF_8))), 413, "body_too_large"));
        cases.add(Case.app("Content-Length claims 10 MB", RawHttp.request("POST", FAILOVERS).bearer(OPERATOR)
                .header("Content-Type", "application/json").header("Content-Length", "10000000").withoutContentLength()
                .body("{}".getBytes(StandardCharsets.UTF_8)), 413, "body_too_large"));
        cases.add(Case.app("gzip that inflates past 64 KiB", RawHttp.request("POST", FAILOVERS).bearer(OPERATOR)
                .header("Content-Type", "application/json").header("Content-Encoding", "gzip")
                .body(gzip(("{" + VALID + ", \"reason\": \"" + " ".repeat(1024 * 1024) + "\"}").getBytes(
                        StandardCharsets.UTF_8))), 413, "body_too_large"));
        // broken bodies
        cases.add(Case.app("gzip header on garbage", RawHttp.request("POST", FAILOVERS).bearer(OPERATOR)
                .header("Content-Type", "application/json").header("Content-Encoding", "gzip")
                .body("this is not gzip at all".getBytes(StandardCharsets.UTF_8)), 400, "unreadable_body"));
        cases.add(Case.app("gzip cut short", RawHttp.request("POST", FAILOVERS).bearer(OPERATOR)
                .header("Content-Type", "application/json").header("Content-Encoding", "gzip")
                .body(java.util.Arrays.copyOf(gzip(("{" + VALID + "}").getBytes(StandardCharsets.UTF_8)), 15)), 400,
                null));
        cases.add(Case.app("chunk size not hex", RawHttp.request("POST", FAILOVERS).bearer(OPERATOR)
                .header("Content-Type", "application/json").header("Transfer-Encoding", "chunked")
                .withoutContentLength().body("zz\r\n{}\r\n0\r\n\r\n".getBytes(StandardCharsets.UTF_8)), 400, null));
        cases.add(Case.app("chunk longer than announced", RawHttp.request("POST", FAILOVERS).bearer(OPERATOR)
                .header("Content-Type", "application/json").header("Transfer-Encoding", "chunked")
                .withoutContentLength().body("2\r\n{\"confirm\": 1}\r\n0\r\n\r\n".getBytes(StandardCharsets.UTF_8)),
                400, null));
        cases.add(Case.app("body shorter than Content-Length", RawHttp.request("POST", FAILOVERS).bearer(OPERATOR)
                .header("Content-Type", "application/json").header("Content-Length", "200").withoutContentLength()
                .body(("{" + VALID).getBytes(StandardCharsets.UTF_8)).halfClose(), 400, "unreadable_body"));
        cases.add(Case.app("body that stops arriving", RawHttp.request("POST", FAILOVERS).bearer(OPERATOR)
                .header("Content-Type", "application/json").header("Content-Length", "200").withoutContentLength()
                .body(("{" + VALID).getBytes(StandardCharsets.UTF_8)), 408, "request_timeout"));
        cases.add(Case.app("Content-Length and chunked", RawHttp.request("POST", FAILOVERS).bearer(OPERATOR)
                .header("Content-Type", "application/json").header("Transfer-Encoding", "chunked")
                .header("Content-Length", "4").withoutContentLength().body("2\r\n{}\r\n0\r\n\r\n".getBytes(
                        StandardCharsets.UTF_8)), 400, null));
        // headers
        cases.add(Case.app("Content-Type text/plain", RawHttp.request("POST", FAILOVERS).bearer(OPERATOR)
                .header("Content-Type", "text/plain").body(("{" + VALID + "}").getBytes(StandardCharsets.UTF_8)), 415,
                "unsupported_media_type"));
        cases.add(Case.app("no Content-Type", RawHttp.request("POST", FAILOVERS).bearer(OPERATOR)
                .body(("{" + VALID + "}").getBytes(StandardCharsets.UTF_8)), 415, "unsupported_media_type"));
        cases.add(Case.app("Accept application/xml", RawHttp.request("GET", "/api/v1/status").bearer(OPERATOR)
                .header("Accept", "application/xml"), 406, "not_acceptable"));
        cases.add(Case.app("Idempotency-Key 201 characters", failover(VALID).header("Idempotency-Key", "k".repeat(201)),
                400, "invalid_idempotency_key"));
        cases.add(Case.app("Idempotency-Key with a tab", failover(VALID).header("Idempotency-Key", "inc\t42"), 400,
                "invalid_idempotency_key"));
        cases.add(Case.app("Idempotency-Key not ASCII", failover(VALID).header("Idempotency-Key",
                new String("inc-\u00e9".getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.ISO_8859_1)), 400,
                "invalid_idempotency_key"));
        cases.add(Case.app("Idempotency-Key 10,000 characters", failover(VALID).header("Idempotency-Key",
                "k".repeat(10_000)), 431, "headers_too_large"));
        cases.add(Case.app("headers of 40 KiB", RawHttp.request("GET", "/api/v1/status").bearer(OPERATOR)
                .header("X-Pad", "p".repeat(40 * 1024)), 431, "headers_too_large"));
        cases.add(Case.app("URI of 20,000 characters", RawHttp.request("GET", "/api/v1/executions/" + "e".repeat(20_000))
                .bearer(OPERATOR), 414, "uri_too_long"));
        // authentication before routing
        cases.add(Case.app("valid failover without a token", RawHttp.request("POST", FAILOVERS).json("{" + VALID + "}"),
                401, "unauthorized"));
        cases.add(Case.app("valid failover with an unknown token", RawHttp.request("POST", FAILOVERS).bearer("guess")
                .json("{" + VALID + "}"), 401, "unauthorized"));
        cases.add(Case.app("Basic instead of Bearer", RawHttp.request("POST", FAILOVERS)
                .header("Authorization", "Basic b3BlcmF0b3ItdG9rZW46") .json("{" + VALID + "}"), 401, "unauthorized"));
        cases.add(Case.app("OPTIONS without a token", RawHttp.request("OPTIONS", FAILOVERS), 401, "unauthorized"));
        cases.add(Case.app("unknown path without a token", RawHttp.request("GET", "/api/v1/secrets"), 401, "unauthorized"));
        cases.add(Case.app("doubled slash without a token", RawHttp.request("GET", "/api//v1/status"), 400,
                "bad_request"));
        cases.add(Case.app("path parameter without a token", RawHttp.request("GET", "/api/v1;a=b/status"), 401,
                "unauthorized"));
        cases.add(Case.app("encoded v1 without a token", RawHttp.request("GET", "/api/%76%31/status"), 401,
                "unauthorized"));
        cases.add(Case.app("TRACE without a token", RawHttp.request("TRACE", "/api/v1/status"), 401, "unauthorized"));
        cases.add(Case.app("viewer starts a failover", RawHttp.request("POST", FAILOVERS).bearer(DaemonOnSimulator.VIEWER)
                .json("{" + VALID + "}"), 403, "forbidden"));
        // odd methods and paths
        cases.add(Case.app("unknown path", RawHttp.request("GET", "/api/v1/secrets").bearer(OPERATOR), 404, "not_found"));
        cases.add(Case.app("path outside the API", RawHttp.request("GET", "/index.php"), 404, "not_found"));
        cases.add(Case.app("DELETE failovers", RawHttp.request("DELETE", FAILOVERS).bearer(OPERATOR), 405,
                "method_not_allowed"));
        cases.add(Case.app("TRACE", RawHttp.request("TRACE", "/api/v1/status").bearer(OPERATOR), 405,
                "method_not_allowed"));
        cases.add(Case.app("made-up method", RawHttp.request("LAUNCH", FAILOVERS).bearer(OPERATOR), 405,
                "method_not_allowed"));
        cases.add(Case.app("execution id of 300 characters", RawHttp.request("GET", "/api/v1/executions/"
                + "x".repeat(300)).bearer(OPERATOR), 404, "execution_not_found"));
        cases.add(Case.app("cancel with an id of 600 characters", RawHttp.request("POST", "/api/v1/executions/"
                + "x".repeat(600) + "/cancel").bearer(OPERATOR), 404, "execution_not_found"));
        cases.add(Case.app("kind of 2,000 characters", RawHttp.request("GET", "/api/v1/executions?kind="
                + "k".repeat(2000)).bearer(OPERATOR), 400, "invalid_value"));
        cases.add(Case.app("resource of 2,000 characters", RawHttp.request("GET", "/api/v1/recovery-points?resource="
                + "r".repeat(2000)).bearer(OPERATOR), 422, "unknown_resource"));
        cases.add(Case.app("dot segments out of the API", RawHttp.request("GET", "/api/v1/../../etc/passwd")
                .bearer(OPERATOR), 404, "not_found"));
        cases.add(Case.app("encoded NUL in path", RawHttp.request("GET", "/api/v1/executions/%00").bearer(OPERATOR), 400,
                null));
        cases.add(Case.app("not HTTP at all", RawHttp.raw("HELLO\r\n\r\n".getBytes(StandardCharsets.US_ASCII)), 400, null));
        cases.add(Case.app("HTTP/1.1 without Host", RawHttp.raw(("GET /api/v1/status HTTP/1.1\r\nAuthorization: Bearer "
                + OPERATOR + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII)), 400, null));
        cases.add(new Case("admin: unknown path", RawHttp.request("GET", "/nothing"), true, 404, "not_found"));
        cases.add(new Case("admin: TRACE", RawHttp.request("TRACE", "/healthcheck"), true, 405, "method_not_allowed"));
        cases.add(new Case("admin: URI of 20,000 characters", RawHttp.request("GET", "/" + "a".repeat(20_000)), true,
                414, "uri_too_long"));
        return cases;
    }

    @Test
    void everyMalformedRequestIsAContractShaped4xxAndStartsNothing() throws IOException {
        long seq = drc.simulator.journal().lastSeq();
        List<Case> cases = cases();
        List<String> failures = new ArrayList<>();
        int fiveHundreds = 0;
        for (Case c : cases) {
            RawHttp.Reply reply = c.request().send(c.admin() ? drc.adminPort() : drc.port());
            JsonNode body = reply.json();
            String code = body == null ? null : body.path("code").asText(null);
            System.out.printf("%-40s -> %d %s%n", c.name(), reply.status(), body == null ? reply.body() : body);
            fiveHundreds += reply.status() >= 500 ? 1 : 0;
            List<String> problems = new ArrayList<>(ErrorContract.problems(reply));
            if (!c.admin()) {
                problems.addAll(OpenApiContract.served().problems(c.request(), reply));
            }
            if (reply.status() != c.status()) {
                problems.add("status " + reply.status() + ", expected " + c.status());
            }
            if (c.code() != null && !c.code().equals(code)) {
                problems.add("code " + code + ", expected " + c.code());
            }
            if (!problems.isEmpty()) {
                failures.add(c.name() + ": " + problems);
            }
        }
        assertThat(cases).hasSizeGreaterThanOrEqualTo(40);
        assertThat(failures).as("rows that broke the contract").isEmpty();
        assertThat(fiveHundreds).isZero();
        long executions = Jdbi.create(drc.databaseUrl, "sa", "").withHandle(h -> h.createQuery(
                "SELECT COUNT(*) FROM executions").mapTo(Long.class).one());
        assertThat(executions).as("executions started").isZero();
        assertThat(drc.simulator.journal().since(seq).stream().filter(Journal.Call::mutating).toList())
                .as("mutating AWS calls").isEmpty();
    }

    @Test
    void aRefusedDryRunFieldNamesTheFieldAndWhatItMustBe() {
        JsonNode body = failover(VALID + ", \"dryRun\": \"false\"").send(drc.port()).json();
        assertThat(body.get("message").asText()).contains("'dryRun'").contains("true or false")
                .contains("'false'");
        JsonNode nulled = failover(VALID + ", \"dryRun\": null").send(drc.port()).json();
        assertThat(nulled.get("message").asText()).contains("'dryRun'").contains("may not be null");
        JsonNode twice = failover(VALID + ", \"dryRun\": true, \"dryRun\": false").send(drc.port()).json();
        assertThat(twice.get("message").asText()).contains("'dryRun'").contains("more than once");
        JsonNode reason = failover("\"confirm\": \"us-west-2\", \"reason\": \"" + "r".repeat(1001) + "\"")
                .send(drc.port()).json();
        assertThat(reason.get("message").asText()).contains("reason").contains("at most 1000 characters");
    }

    @Test
    void aRealDryRunLeftOutOrFalseStillWorks() {
        RawHttp dryRun = failover(VALID + ", \"dryRun\": true");
        RawHttp.Reply reply = dryRun.send(drc.port());
        assertThat(reply.status()).isEqualTo(200);
        assertThat(OpenApiContract.served().problems(dryRun, reply)).isEmpty();
    }

    static byte[] chunked(byte[] body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int at = 0; at < body.length; at += 4096) {
            int n = Math.min(4096, body.length - at);
            out.writeBytes((Integer.toHexString(n) + "\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(body, at, n);
            out.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        out.writeBytes("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        return out.toByteArray();
    }

    static byte[] gzip(byte[] bytes) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream zip = new GZIPOutputStream(out)) {
            zip.write(bytes);
        }
        return out.toByteArray();
    }
}
