package io.drc.controller.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.dialect.Dialects;
import io.drc.controller.resources.OpenApiDocument;
import jakarta.ws.rs.client.ClientRequestContext;
import jakarta.ws.rs.client.ClientResponseContext;
import jakarta.ws.rs.client.ClientResponseFilter;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The API's OpenAPI 3.1 document as a response validator: every {@code /api/v1} response a test receives must be
 * one the document describes — its path and method, its status (or the {@code default} error), its media type, and a
 * body valid against the response's JSON Schema (2020-12, OpenAPI 3.1's dialect, validated by networknt's
 * json-schema-validator with its OpenAPI 3.1 dialect). The document is {@link OpenApiDocument#json()}, which
 * {@code OpenApiTest} proves is what the daemon serves at {@code /api/v1/openapi.json}.
 *
 * <p>{@link #filter()} hooks it into a JAX-RS client (the test daemons' shared clients); {@link #check(HttpResponse)}
 * into tests that use {@code java.net.http} (the command line's client among them); {@link #problems(RawHttp,
 * RawHttp.Reply)} into the raw-socket tests. Paths outside {@code /api/v1} (the dashboard, the admin port) are not
 * part of the document and are not checked. Event streams are checked event by event with {@link #checkSchema}.
 */
public final class OpenApiContract {
    private static final String BASE = "https://drc.invalid/openapi.json";
    private static final String PREFIX = "/api/v1/";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final OpenApiContract INSTANCE = new OpenApiContract(OpenApiDocument.json());

    private final JsonNode document;
    private final SchemaRegistry registry;
    private final List<PathTemplate> paths = new ArrayList<>();
    private final Map<String, Schema> schemas = new ConcurrentHashMap<>();

    private record PathTemplate(String template, Pattern pattern, int literalChars) { }

    /** The contract of the document {@code json} (tests of the validator itself pass a wrong one). */
    public OpenApiContract(String json) {
        try {
            document = JSON.readTree(json);
        } catch (IOException e) {
            throw new IllegalArgumentException("not an OpenAPI document", e);
        }
        registry = SchemaRegistry.withDefaultDialect(Dialects.getOpenApi31(), b -> b.schemas(Map.of(BASE, json)));
        document.get("paths").fieldNames().forEachRemaining(t -> paths.add(new PathTemplate(t,
                Pattern.compile(Pattern.quote(t).replaceAll("\\{[^}]+}", "\\\\E[^/]+\\\\Q")),
                t.replaceAll("\\{[^}]+}", "").length())));
        // the most literal template wins: /api/v1/drills/{id} never takes a path another template spells out
        paths.sort((a, b) -> Integer.compare(b.literalChars(), a.literalChars()));
    }

    /** The contract of the document the daemon serves. */
    public static OpenApiContract served() {
        return INSTANCE;
    }

    /** A JAX-RS client filter that fails the request (AssertionError) on any response outside the contract. */
    public static ClientResponseFilter filter() {
        return new ContractFilter(INSTANCE);
    }

    /** Fails on a {@code java.net.http} response outside the contract; returns it for chaining. */
    public static <T> HttpResponse<T> check(HttpResponse<T> response) {
        String type = response.headers().firstValue("Content-Type").orElse(null);
        Object body = response.body();
        INSTANCE.require(response.request().method(), response.uri(), response.statusCode(), type,
                body instanceof String s ? s : null);
        return response;
    }

    /**
     * Why a raw-socket reply of the API port is not one the document allows; empty when it is, or when there is
     * nothing to judge (bytes that are not HTTP, no reply at all).
     */
    public List<String> problems(RawHttp request, RawHttp.Reply reply) {
        if (request.method() == null || reply.status() == -1) {
            return List.of();
        }
        String path = request.target().split("\\?", 2)[0];
        if (request.method().equals("OPTIONS") && reply.status() == 200) {
            return allowProblems(path, reply.header("Allow"));
        }
        return problems(request.method(), path, reply.status(), reply.header("Content-Type"), reply.body());
    }

    /**
     * An {@code OPTIONS} answer is HTTP's (RFC 9110 9.3.7: which methods the path takes), not an operation of the
     * document: its {@code Allow} header must name exactly the documented methods (plus HEAD and OPTIONS).
     */
    private List<String> allowProblems(String path, String allow) {
        Optional<String> template = template(path);
        if (!path.startsWith(PREFIX)) {
            return List.of();
        }
        if (template.isEmpty()) {
            return List.of("OPTIONS " + path + " answered 200 for a path the document does not have");
        }
        java.util.Set<String> documented = new java.util.TreeSet<>();
        document.get("paths").get(template.get()).fieldNames().forEachRemaining(m -> documented.add(m.toUpperCase(Locale.ROOT)));
        java.util.Set<String> allowed = new java.util.TreeSet<>();
        for (String m : (allow == null ? "" : allow).split(",")) {
            if (!m.isBlank() && !m.strip().equals("HEAD") && !m.strip().equals("OPTIONS")) {
                allowed.add(m.strip());
            }
        }
        return allowed.equals(documented) ? List.of() : List.of("OPTIONS " + path + " allows " + allowed
                + " but the document has " + documented);
    }

    /** The template {@code path} is an instance of; Jersey answers /x/ as /x, so the same operation checks it. */
    private Optional<String> template(String path) {
        String p = path.length() > PREFIX.length() && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        return paths.stream().filter(t -> t.pattern().matcher(p).matches()).map(PathTemplate::template).findFirst();
    }

    /** Fails unless {@code value} is valid against {@code #/components/schemas/<name>}. */
    public void checkSchema(String name, JsonNode value) {
        List<String> problems = validate(schema("#/components/schemas/" + name), value);
        if (!problems.isEmpty()) {
            throw new AssertionError(name + " does not match the OpenAPI document: " + problems + " in " + value);
        }
    }

    /** Fails unless the response is one the document allows. */
    public void require(String method, URI uri, int status, String contentType, String body) {
        List<String> problems = problems(method, uri.getRawPath(), status, contentType, body);
        if (!problems.isEmpty()) {
            throw new AssertionError(method + " " + uri.getRawPath() + " answered " + status + " outside the OpenAPI "
                    + "document: " + String.join("; ", problems) + "\nbody: " + body);
        }
    }

    /**
     * Why the response is not one the document allows; empty when it is. {@code body} null means not read (an
     * event stream), and is not checked.
     */
    public List<String> problems(String method, String path, int status, String contentType, String body) {
        if (!path.startsWith(PREFIX)) {
            return List.of();
        }
        boolean error = status >= 400;
        Optional<String> template = template(path);
        String m = method.toLowerCase(Locale.ROOT);
        if (template.isEmpty() || !document.get("paths").get(template.get()).has(m)) {
            // unknown paths and methods are answered by the API's error body, which any operation's default is
            return error ? checkError(contentType, body)
                    : List.of("no operation " + method + " " + path + " in the document");
        }
        JsonNode responses = document.get("paths").get(template.get()).get(m).get("responses");
        String code = responses.has(Integer.toString(status)) ? Integer.toString(status) : "default";
        if (!responses.has(code) || (!error && code.equals("default"))) {
            return List.of("status " + status + " is not documented for " + method + " " + template.get()
                    + " (documented: " + fieldNames(responses) + ")");
        }
        String pointer = "#/paths/" + escape(template.get()) + "/" + m + "/responses/" + code;
        return checkBody(pointer, contentType, body, status);
    }

    private List<String> checkBody(String responsePointer, String contentType, String body, int status) {
        JsonNode response = document.at(responsePointer.substring(1));
        JsonNode content = response.get("content");
        if (content == null || content.isEmpty()) {
            return body == null || body.isEmpty() ? List.of() : List.of("a body where the document has none");
        }
        if (contentType == null) {
            return status == 204 ? List.of() : List.of("no Content-Type; the document says " + fieldNames(content));
        }
        String media = contentType.split(";")[0].strip().toLowerCase(Locale.ROOT);
        if (!content.has(media)) {
            return List.of("Content-Type " + media + " is not documented (documented: " + fieldNames(content) + ")");
        }
        if (body == null || !media.equals("application/json")) {
            return List.of();
        }
        JsonNode value;
        try {
            value = JSON.readTree(body);
        } catch (IOException e) {
            return List.of("the body is not JSON: " + e.getMessage());
        }
        return validate(schema(responsePointer + "/content/" + escape(media) + "/schema"), value);
    }

    private List<String> checkError(String contentType, String body) {
        if (contentType == null || !contentType.startsWith("application/json")) {
            return List.of("an error without a JSON body (Content-Type " + contentType + ")");
        }
        try {
            return validate(schema("#/components/schemas/ErrorBody"), JSON.readTree(body));
        } catch (IOException e) {
            return List.of("the body is not JSON: " + e.getMessage());
        }
    }

    private Schema schema(String pointer) {
        // a fragment is a URI's: the braces of path templates are percent-encoded there
        return schemas.computeIfAbsent(pointer, p -> registry.getSchema(SchemaLocation.of(BASE
                + p.replace("{", "%7B").replace("}", "%7D"))));
    }

    private static List<String> validate(Schema schema, JsonNode value) {
        return schema.validate(value).stream().map(e -> e.getInstanceLocation() + ": " + e.getMessage()).toList();
    }

    private static String escape(String key) {
        return key.replace("~", "~0").replace("/", "~1");
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        Iterator<String> it = node.fieldNames();
        it.forEachRemaining(names::add);
        return names;
    }

    /** Reads each response whole (but not event streams), checks it, and hands the same bytes on. */
    private record ContractFilter(OpenApiContract contract) implements ClientResponseFilter {
        @Override
        public void filter(ClientRequestContext request, ClientResponseContext response) throws IOException {
            String type = response.getHeaderString("Content-Type");
            String body = null;
            if (type == null || !type.startsWith("text/event-stream")) {
                byte[] bytes = response.hasEntity() ? response.getEntityStream().readAllBytes() : new byte[0];
                response.setEntityStream(new ByteArrayInputStream(bytes));
                body = new String(bytes, StandardCharsets.UTF_8);
            }
            contract.require(request.getMethod(), request.getUri(), response.getStatus(), type, body);
        }
    }
}
