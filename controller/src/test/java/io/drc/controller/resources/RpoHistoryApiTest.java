package io.drc.controller.resources;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import io.drc.controller.engine.DaemonOnSimulator;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** GET /api/v1/resources/{id}/rpo on a replicating daemon: the measurements it stored, and its refusals. */
class RpoHistoryApiTest {
    static DaemonOnSimulator drc;

    @BeforeAll
    static void start() throws Exception {
        drc = new DaemonOnSimulator().withReplication(true).startDaemon();
    }

    @AfterAll
    static void stop() {
        drc.close();
    }

    @Test
    void servesTheStoredSamplesOfAResource() {
        JsonNode history = awaitSamples("web");
        assertThat(history.get("resource").asText()).isEqualTo("web");
        assertThat(history.get("rpoTargetSeconds").asInt()).isEqualTo(900);
        JsonNode sample = history.get("items").get(0);
        assertThat(sample.get("targetSeconds").asInt()).isEqualTo(900);
        assertThat(sample.hasNonNull("measuredAt")).isTrue();
        assertThat(sample.has("compliant")).isTrue();

        String later = drc.simulator.manualClock().instant().plusSeconds(3600).toString();
        assertThat(DaemonOnSimulator.body(drc.api("/api/v1/resources/web/rpo?since=" + later,
                DaemonOnSimulator.VIEWER).get()).get("items")).isEmpty();
    }

    @Test
    void refusesAnUnknownResourceABadSinceAndAMissingToken() {
        var unknown = drc.api("/api/v1/resources/nope/rpo", DaemonOnSimulator.VIEWER).get();
        assertThat(unknown.getStatus()).isEqualTo(404);
        assertThat(DaemonOnSimulator.body(unknown).get("code").asText()).isEqualTo("resource_not_found");
        var badSince = drc.api("/api/v1/resources/web/rpo?since=yesterday", DaemonOnSimulator.VIEWER).get();
        assertThat(badSince.getStatus()).isEqualTo(400);
        assertThat(DaemonOnSimulator.body(badSince).get("message").asText()).contains("since", "ISO-8601");
        assertThat(drc.api("/api/v1/resources/web/rpo", null).get().getStatus()).isEqualTo(401);
    }

    /** The replication ticker measures on its first tick; polls until the samples are stored. */
    private static JsonNode awaitSamples(String resource) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (Instant.now().isBefore(deadline)) {
            JsonNode history = DaemonOnSimulator.body(drc.api("/api/v1/resources/" + resource + "/rpo",
                    DaemonOnSimulator.VIEWER).get());
            if (history.path("items").size() > 0) {
                return history;
            }
            DaemonOnSimulator.pause();
        }
        return fail("no RPO sample of " + resource + " stored within 60 s");
    }
}
