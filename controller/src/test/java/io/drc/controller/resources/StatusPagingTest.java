package io.drc.controller.resources;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dropwizard.core.Application;
import io.dropwizard.testing.DropwizardTestSupport;
import io.drc.controller.DrcApplication;
import io.drc.controller.DrcConfiguration;
import io.drc.controller.api.ObservedRecoveryPoint;
import io.drc.controller.api.RecoveryPointState;
import io.drc.controller.core.ResourceKind;
import io.drc.controller.db.RecoveryPointStore;
import io.drc.controller.replication.ReplicationFixture;
import io.drc.simulator.Simulator;
import io.drc.simulator.SimulatorOptions;
import io.drc.simulator.core.Journal;
import io.drc.simulator.core.ManualClock;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The status and the recovery points at 250 resources: pages that follow each other with their cursors, the
 * not-compliant filter, bad parameters answered with 400s naming them, and no AWS call to serve a status.
 */
class StatusPagingTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final int RESOURCES = 250;
    final HttpClient http = HttpClient.newHttpClient();
    Simulator simulator;
    DropwizardTestSupport<DrcConfiguration> app;
    Path dir;

    @AfterEach
    void stop() {
        if (app != null) {
            app.after();
        }
        if (simulator != null) {
            simulator.close();
        }
    }

    void start() throws Exception {
        simulator = Simulator.start(SimulatorOptions.defaults().withPort(0)
                .withClock(new ManualClock(Instant.parse("2026-03-01T00:00:00Z"))));
        dir = Files.createTempDirectory(Files.createDirectories(Path.of("target")), "status-paging-").toAbsolutePath();
        String protect = IntStream.range(0, RESOURCES).mapToObj(i ->
                "  - {id: vol-%03d, kind: ebs-volume, resourceId: vol-%017d, rpoTargetSeconds: 900}".formatted(i, i))
                .collect(Collectors.joining("\n"));
        String yaml = ReplicationFixture.configYaml(simulator.endpoint().toString(), protect,
                "  scheduling: cron\n  defaultSchedule: \"" + ReplicationFixture.NEVER + "\"") + """
                database:
                  driverClass: org.h2.Driver
                  url: jdbc:h2:%s;AUTO_SERVER=FALSE
                  user: sa
                  password: ""
                server:
                  applicationConnectors: [{type: http, port: 0, bindHost: 127.0.0.1}]
                  adminConnectors: [{type: http, port: 0, bindHost: 127.0.0.1}]
                logging:
                  level: WARN
                """.formatted(dir.resolve("drc"));
        Path file = dir.resolve("drc.yml");
        Files.writeString(file, yaml);
        ManualClock clock = simulator.manualClock();
        app = new DropwizardTestSupport<>(DrcApplication.class, file.toString()) {
            @Override
            public Application<DrcConfiguration> newApplication() {
                return new DrcApplication(System.out, clock);
            }
        };
        app.before();
    }

    HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.getLocalPort() + path))
                .header("Authorization", "Bearer test-operator-token").build(), HttpResponse.BodyHandlers.ofString());
    }

    JsonNode json(String path) throws Exception {
        HttpResponse<String> response = get(path);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    /** Follows nextCursor from {@code first} to the end; returns every item's id. */
    List<String> walk(String path, String listField, String idField) throws Exception {
        List<String> ids = new ArrayList<>();
        JsonNode page = json(path);
        int pages = 1;
        while (true) {
            page.get(listField).forEach(item -> ids.add(item.get(idField).asText()));
            if (page.get("nextCursor").isNull()) {
                break;
            }
            page = json(path + (path.contains("?") ? "&" : "?") + "cursor=" + page.get("nextCursor").asText());
            assertThat(++pages).as("pages").isLessThan(100);
        }
        return ids;
    }

    @Test
    void statusPagesEveryResourceOnceFiltersTheNotCompliantAndCallsNoAws() throws Exception {
        start();
        JsonNode first = json("/api/v1/status?limit=100");
        for (int i = 0; first.get("summary").get("measuredAt").isNull() && i < 100; i++) {
            io.drc.controller.engine.DaemonOnSimulator.pause(); // the ticker measures on its own thread
            first = json("/api/v1/status?limit=100");
        }
        assertThat(first.get("resources")).hasSize(100);
        assertThat(first.get("summary").get("resources").asInt()).isEqualTo(RESOURCES);
        assertThat(first.get("summary").get("notCompliant").asInt()).isEqualTo(RESOURCES);
        assertThat(first.get("ready").asBoolean()).isFalse();

        List<String> all = walk("/api/v1/status?limit=100", "resources", "id");
        assertThat(all).hasSize(RESOURCES).doesNotHaveDuplicates()
                .isEqualTo(IntStream.range(0, RESOURCES).mapToObj("vol-%03d"::formatted).toList());
        assertThat(walk("/api/v1/status?limit=70&compliant=false", "resources", "id")).isEqualTo(all);
        assertThat(json("/api/v1/status?compliant=true").get("resources")).isEmpty();
        assertThat(json("/api/v1/status").get("resources")).as("100 by default").hasSize(100);

        HttpResponse<String> badLimit = get("/api/v1/status?limit=0");
        assertThat(badLimit.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(badLimit.body()).get("code").asText()).isEqualTo("invalid_limit");
        assertThat(JSON.readTree(get("/api/v1/status?cursor=%21%21").body()).get("code").asText())
                .isEqualTo("invalid_cursor");
        assertThat(JSON.readTree(get("/api/v1/status?compliant=no").body()).get("code").asText())
                .isEqualTo("invalid_compliant");

        long seq = simulator.journal().lastSeq();
        for (int i = 0; i < 100; i++) {
            json("/api/v1/status?limit=50");
        }
        List<Journal.Call> probes = simulator.journal().since(seq).stream()
                .filter(c -> c.action().equals("DescribeAvailabilityZones")).toList();
        assertThat(probes).as("at most the background probes of the two regions (every 30 s), not 2 per status")
                .hasSizeLessThanOrEqualTo(2);
        assertThat(first.get("checks")).anySatisfy(check -> {
            assertThat(check.get("name").asText()).isEqualTo("aws-us-east-1");
            assertThat(check.get("ok").asBoolean()).isTrue();
            assertThat(check.get("checkedAt").asText()).isNotEmpty();
            assertThat(check.get("ageSeconds").isNumber()).isTrue();
        });
    }

    @Test
    void recoveryPointsComeInPagesNewestFirst() throws Exception {
        start();
        RecoveryPointStore catalog = new RecoveryPointStore(Jdbi.create("jdbc:h2:" + dir.resolve("drc")
                + ";AUTO_SERVER=FALSE", "sa", ""), Clock.systemUTC());
        Instant base = Instant.parse("2026-02-01T00:00:00Z");
        for (int i = 0; i < 25; i++) {
            // Five resources, five points each; two share each source time to exercise the tie-break.
            catalog.upsert(new ObservedRecoveryPoint("vol-%03d".formatted(i % 5), ResourceKind.EBS_VOLUME, "us-west-2",
                    base.plusSeconds(60L * (i / 2)), base.plusSeconds(60L * (i / 2) + 30), RecoveryPointState.COMPLETED,
                    "snap-%017x".formatted(i)));
        }

        List<String> all = walk("/api/v1/recovery-points?limit=7", "items", "id");
        assertThat(all).hasSize(25).doesNotHaveDuplicates();
        List<String> inOnePage = new ArrayList<>();
        json("/api/v1/recovery-points?limit=1000").get("items").forEach(p -> inOnePage.add(p.get("id").asText()));
        assertThat(all).isEqualTo(inOnePage);
        JsonNode one = json("/api/v1/recovery-points?resource=vol-003&limit=2");
        assertThat(one.get("items")).hasSize(2).allSatisfy(p -> assertThat(p.get("resource").asText()).isEqualTo("vol-003"));
        assertThat(walk("/api/v1/recovery-points?resource=vol-003&limit=2", "items", "id")).hasSize(5);
        assertThat(JSON.readTree(get("/api/v1/recovery-points?limit=1001").body()).get("code").asText())
                .isEqualTo("invalid_limit");
    }
}
