package io.drc.strategies.handlers;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.drc.strategies.step.Hooks;
import io.drc.strategies.step.StepContext;
import io.drc.strategies.step.StepResult;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Map;

/**
 * Hooks as HTTP endpoints of the application: {@code POST url} with
 * {@code {"hook", "executionId", "application", "fromRegion", "toRegion"}} (the last three from the Task's
 * parameters of those names) and the header {@code Idempotency-Key: <executionId>/<hook>} — the same on every
 * repeat of the call, which a retry or a restarted daemon makes. A 2xx answer within the hook's timeout is
 * success; anything else is {@code Drc.HookFailed} naming the hook, the URL and what came back, for the runbook's
 * Retry. Hooks without an endpoint go to {@link LoggingHooks}.
 */
public final class HttpHooks implements Hooks {
    /** Where one hook is served and how long drc waits for its answer. */
    public record Endpoint(URI url, Duration timeout) { }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_BODY_IN_ERROR = 200;
    private final Map<String, Endpoint> endpoints;
    private final HttpClient http;
    private final Hooks unconfigured = new LoggingHooks();

    public HttpHooks(Map<String, Endpoint> endpoints, HttpClient http) {
        this.endpoints = Map.copyOf(endpoints);
        this.http = http;
    }

    @Override
    public StepResult run(Hooks.Call call, StepContext context) {
        String hook = call.hook();
        Endpoint endpoint = endpoints.get(hook);
        if (endpoint == null) {
            return unconfigured.run(call, context);
        }
        String what = "hook '" + hook + "' (POST " + endpoint.url() + ")";
        try {
            HttpResponse<String> response = http.send(request(call, context, endpoint), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() / 100 != 2) {
                return new StepResult.Failed("Drc.HookFailed", what + " answered " + response.statusCode()
                        + excerpt(response.body()) + "; a 2xx answer means done: fix the endpoint, the runbook retries");
            }
            return new StepResult.Succeeded(JsonNodeFactory.instance.objectNode().put("hook", hook)
                    .put("url", endpoint.url().toString()).put("status", response.statusCode()));
        } catch (HttpTimeoutException e) {
            return new StepResult.Failed("Drc.HookFailed", what + " did not answer within " + shown(endpoint.timeout()));
        } catch (IOException e) {
            return new StepResult.Failed("Drc.HookFailed", what + " could not be reached: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new StepResult.Failed("Drc.HookFailed", what + " was interrupted (the daemon is stopping)");
        }
    }

    private static HttpRequest request(Hooks.Call call, StepContext context, Endpoint endpoint) {
        String hook = call.hook();
        ObjectNode body = JsonNodeFactory.instance.objectNode().put("hook", hook)
                .put("executionId", context.executionId())
                .put("application", call.application())
                .put("fromRegion", call.fromRegion())
                .put("toRegion", call.toRegion());
        try {
            return HttpRequest.newBuilder(endpoint.url()).timeout(endpoint.timeout())
                    .header("Content-Type", "application/json")
                    .header("Idempotency-Key", context.executionId() + "/" + hook)
                    .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build();
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("a tree of strings always serialises", e);
        }
    }

    private static String shown(Duration timeout) {
        return timeout.toMillis() % 1000 == 0 ? timeout.toSeconds() + "s" : timeout.toMillis() + "ms";
    }

    private static String excerpt(String body) {
        if (body == null || body.isBlank()) {
            return "";
        }
        String line = body.strip().replaceAll("\\s+", " ");
        return ": " + (line.length() > MAX_BODY_IN_ERROR ? line.substring(0, MAX_BODY_IN_ERROR) + "…" : line);
    }
}
