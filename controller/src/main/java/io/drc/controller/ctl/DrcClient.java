package io.drc.controller.ctl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.function.Consumer;

/** The daemon's REST API over HTTP with one bearer token, for {@code drc ctl}. */
public final class DrcClient {
    /** The daemon did not answer (connection refused, timed out, or a 5xx). */
    public static final class UnreachableException extends Exception {
        UnreachableException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** A whole JSON answer. */
    public record Reply(int status, JsonNode body) {
        public boolean ok() {
            return status >= 200 && status < 300;
        }

        /** The error's message, or the status when the body carries none. */
        public String error() {
            return body.path("code").asText("http_" + status) + ": " + body.path("message").asText("HTTP " + status);
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private final URI base;
    private final String token;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final Consumer<HttpResponse<?>> answers;

    /** {@code answers} sees every answer first (the tests validate each against the OpenAPI document). */
    public DrcClient(URI base, String token, Consumer<HttpResponse<?>> answers) {
        this.base = base;
        this.token = token;
        this.answers = answers;
    }

    public Reply get(String path) throws UnreachableException {
        return json(request(path).GET().build());
    }

    public Reply post(String path, JsonNode body) throws UnreachableException {
        return json(request(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build());
    }

    /** Opens the execution's event stream after {@code lastEventId} (null: from the start). */
    public HttpResponse<InputStream> events(String executionId, String lastEventId) throws UnreachableException {
        HttpRequest.Builder request = request("/api/v1/executions/" + executionId + "/events")
                .header("Accept", "text/event-stream");
        if (lastEventId != null) {
            request.header("Last-Event-ID", lastEventId);
        }
        return send(request.GET().build(), HttpResponse.BodyHandlers.ofInputStream());
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(60))
                .header("Authorization", "Bearer " + token).header("Accept", "application/json");
    }

    private Reply json(HttpRequest request) throws UnreachableException {
        HttpResponse<String> response = send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() >= 500) {
            throw new UnreachableException("the daemon at " + base + " answered " + response.statusCode() + ": "
                    + response.body(), null);
        }
        try {
            String body = response.body();
            return new Reply(response.statusCode(), body.isBlank() ? JSON.createObjectNode() : JSON.readTree(body));
        } catch (IOException e) {
            throw new UnreachableException("the daemon at " + base + " answered " + response.statusCode()
                    + " with a body that is not JSON: is --url the drc API port?", e);
        }
    }

    private <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> body) throws UnreachableException {
        try {
            HttpResponse<T> response = http.send(request, body);
            answers.accept(response);
            return response;
        } catch (IOException e) {
            throw new UnreachableException("cannot reach the daemon at " + base + " (" + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()) + "): is it running, and is --url its API port?", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UnreachableException("interrupted while calling " + base, e);
        }
    }
}
