package io.drc.controller.engine;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import io.drc.controller.ctl.ServerSentEvents;
import io.drc.controller.testing.OpenApiContract;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** GET /api/v1/executions/{id}/events over HTTP: live events of a failover, resumed with Last-Event-ID. */
class ExecutionEventsTest {
    static DaemonOnSimulator drc;
    static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        drc = new DaemonOnSimulator().startDaemon();
    }

    @AfterAll
    static void stop() {
        drc.close();
    }

    @Test
    void aClientReconnectingWithLastEventIdMissesNoEvent() throws Exception {
        ListAppender<ILoggingEvent> engineLog = listen(ExecutionEngine.class);
        String id = DaemonOnSimulator.body(drc.post("/api/v1/failovers",
                "{\"confirm\": \"us-west-2\", \"reason\": \"events test\"}")).get("id").asText();

        // first connection, while the execution runs: read up to the first step that started, then hang up
        List<JsonNode> first = read(id, null, e -> !e.get("type").asText().equals("step.started"));
        assertThat(first.get(0).get("type").asText()).isEqualTo("execution.started");
        assertThat(drc.execution(id).get("status").asText()).isNotIn(DaemonOnSimulator.ENDED);

        // second connection resumes after the last event seen and reads, live, while time drives the failover on
        String resumeFrom = first.get(first.size() - 1).get("id").asText();
        CompletableFuture<List<JsonNode>> second = CompletableFuture.supplyAsync(() -> read(id, resumeFrom, e -> true));
        drc.driveUntil(id, DaemonOnSimulator.ENDED);
        List<JsonNode> rest = second.get(60, TimeUnit.SECONDS);

        List<JsonNode> whole = read(id, null, e -> true);
        List<JsonNode> joined = new ArrayList<>(first);
        joined.addAll(rest);
        assertThat(joined).isEqualTo(whole);
        assertThat(whole).extracting(e -> e.get("id").asLong()).isSorted().doesNotHaveDuplicates();

        JsonNode last = whole.get(whole.size() - 1);
        assertThat(last.get("type").asText()).isEqualTo("execution.ended");
        assertThat(last.get("status").asText()).isEqualTo("SUCCEEDED");
        assertThat(whole).extracting(e -> e.get("type").asText()).contains("execution.recovered", "step.succeeded");
        // every step the execution shows succeeded has its started and succeeded events, with time and attempt
        for (JsonNode step : drc.execution(id).get("steps")) {
            assertThat(whole).filteredOn(e -> step.get("name").asText().equals(e.path("name").asText()))
                    .as(step.get("name").asText())
                    .extracting(e -> e.get("type").asText()).contains("step.started", "step.succeeded");
        }
        assertThat(whole).filteredOn(e -> e.get("type").asText().startsWith("step."))
                .allSatisfy(e -> {
                    assertThat(e.get("attempt").asInt()).isPositive();
                    assertThat(e.get("at").asText()).isNotEmpty();
                    assertThat(e.get("resource").asText()).isNotEmpty();
                });

        // the lines the runner logs while it carries out a step name the execution and the step (MDC)
        assertThat(engineLog.list).filteredOn(e -> id.equals(e.getMDCPropertyMap().get(WorkItemProcessor.MDC_EXECUTION)))
                .extracting(e -> e.getMDCPropertyMap().get(WorkItemProcessor.MDC_STEP))
                .contains("PromoteDatabase", "ShiftTraffic");

        // the labelled metrics count it (from the store) and carry each resource's target
        String metrics = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + drc.adminPort()
                + "/metrics/prometheus")).build(), HttpResponse.BodyHandlers.ofString()).body();
        assertThat(metrics).contains("drc_executions_total{kind=\"failover\",status=\"SUCCEEDED\"} 1.0",
                "drc_rpo_target_seconds{resource=\"web\"} 900.0", "drc_rpo_target_seconds{resource=\"db-replica\"} 60.0");
        // each step resource the failover succeeded with has its duration observed, and DNS moved through a counted call
        for (JsonNode step : drc.execution(id).get("steps")) {
            assertThat(sample(metrics, "drc_step_duration_seconds_count", "resource=\"" + step.get("resource").asText()
                    + "\"", "status=\"succeeded\"")).as(step.get("name").asText()).isGreaterThanOrEqualTo(1.0);
        }
        assertThat(sample(metrics, "drc_step_duration_seconds_bucket", "status=\"succeeded\"", "le=\"+Inf\""))
                .isGreaterThanOrEqualTo(1.0);
        assertThat(sample(metrics, "drc_aws_calls_total", "service=\"route53\"",
                "action=\"ChangeResourceRecordSets\"", "outcome=\"success\"")).isGreaterThanOrEqualTo(1.0);
        assertThat(sample(metrics, "drc_aws_calls_total", "service=\"rds\"", "action=\"PromoteReadReplica\"",
                "outcome=\"success\"")).isGreaterThanOrEqualTo(1.0);
        // every drc_ metric the shipped Grafana dashboard queries is one drc registers (drc_rpo_seconds has no
        // sample here: without replication nothing is measured)
        String grafana = java.nio.file.Files.readString(java.nio.file.Path.of("../config/grafana-dashboard.json"));
        java.util.Set<String> queried = java.util.regex.Pattern.compile("drc_[a-z_]+").matcher(grafana).results()
                .map(java.util.regex.MatchResult::group).collect(java.util.stream.Collectors.toSet());
        assertThat(queried).contains("drc_rpo_seconds", "drc_executions_total")
                .isSubsetOf(io.drc.controller.health.LabelledMetrics.NAMES);

        HttpResponse<InputStream> bad = send("/api/v1/executions/" + id + "/events", DaemonOnSimulator.VIEWER, "abc");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(new String(bad.body().readAllBytes())).contains("invalid_last_event_id");
    }

    @Test
    void refusesAnUnknownExecutionABadLastEventIdAndAMissingToken() throws Exception {
        HttpResponse<InputStream> unknown = send("/api/v1/executions/nope/events", DaemonOnSimulator.VIEWER, null);
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(new String(unknown.body().readAllBytes())).contains("execution_not_found");
        assertThat(send("/api/v1/executions/nope/events", null, null).statusCode()).isEqualTo(401);
    }

    /** The events of one connection, until the stream ends or {@code more} answers false after an event. */
    private static List<JsonNode> read(String id, String lastEventId, Predicate<JsonNode> more) {
        List<JsonNode> events = new ArrayList<>();
        try {
            HttpResponse<InputStream> response = send("/api/v1/executions/" + id + "/events", DaemonOnSimulator.VIEWER,
                    lastEventId);
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("text/event-stream");
            try (InputStream body = response.body()) {
                ServerSentEvents.read(body, frame -> {
                    JsonNode event = json(frame.data());
                    OpenApiContract.served().checkSchema("ExecutionEvent", event);
                    assertThat(frame.id()).isEqualTo(event.get("id").asText());
                    assertThat(frame.event()).isEqualTo(event.get("type").asText());
                    events.add(event);
                    return more.test(event);
                });
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        return events;
    }

    /** The sum of the samples of {@code name} whose labels include every one of {@code labels}; 0 when none. */
    static double sample(String exposition, String name, String... labels) {
        return exposition.lines().filter(l -> l.startsWith(name + "{"))
                .filter(l -> java.util.Arrays.stream(labels).allMatch(l.substring(0, l.lastIndexOf('}'))::contains))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
    }

    /** Collects what {@code type} logs at INFO and above from now on (the test configuration logs WARN). */
    private static ListAppender<ILoggingEvent> listen(Class<?> type) {
        Logger logger = (Logger) LoggerFactory.getLogger(type);
        logger.setLevel(Level.INFO);
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        logger.addAppender(appender);
        return appender;
    }

    private static JsonNode json(String text) {
        try {
            return DaemonOnSimulator.JSON.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static HttpResponse<InputStream> send(String path, String token, String lastEventId)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + drc.port() + path))
                .header("Accept", "text/event-stream");
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (lastEventId != null) {
            request.header("Last-Event-ID", lastEventId);
        }
        return OpenApiContract.check(HTTP.send(request.build(), HttpResponse.BodyHandlers.ofInputStream()));
    }
}
