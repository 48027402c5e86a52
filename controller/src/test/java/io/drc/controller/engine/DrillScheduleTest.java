package io.drc.controller.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import io.dropwizard.testing.ConfigOverride;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Tier 3: {@code drills.schedule} starts drills by itself through the same start as the API, one at a time. Quartz
 * fires on the wall clock, so the schedule here is every second and the test waits for the first firing with a
 * deadline.
 */
class DrillScheduleTest {
    final DaemonOnSimulator drc = new DaemonOnSimulator();

    @AfterEach
    void close() {
        drc.close();
    }

    @Test
    void theScheduleStartsADrillThatRunsToTheEndAndNeverTwoAtOnce() throws Exception {
        List<ConfigOverride> overrides = new ArrayList<>(List.of(
                ConfigOverride.config("engine.runbooks", Path.of("..", "runbooks").toAbsolutePath().toString()),
                ConfigOverride.config("strategy.type", "pilot-light"),
                ConfigOverride.config("drills.schedule", "* * * * * ?")));
        overrides.addAll(SteadyStates.prepare(drc, "pilot-light"));
        drc.startDaemon(overrides.toArray(ConfigOverride[]::new));

        JsonNode first = awaitFirstDrill();
        assertThat(first.get("requestedBy").asText()).isEqualTo(ScheduledDrills.REQUESTER);
        assertThat(first.get("reason").asText()).startsWith("scheduled drill");
        JsonNode ended = drc.driveUntil(first.get("id").asText(), DaemonOnSimulator.ENDED);
        assertThat(ended.get("status").asText()).as(ended.toPrettyString()).isEqualTo("SUCCEEDED");

        JsonNode drills = drills();
        long running = 0;
        for (JsonNode drill : drills) {
            running += DaemonOnSimulator.ENDED.contains(drill.get("status").asText()) ? 0 : 1;
        }
        assertThat(running).as("one drill at a time: " + drills.toPrettyString()).isLessThanOrEqualTo(1);
    }

    private JsonNode awaitFirstDrill() {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (Instant.now().isBefore(deadline)) {
            JsonNode items = drills();
            if (!items.isEmpty()) {
                return items.get(items.size() - 1);
            }
            DaemonOnSimulator.pause();
        }
        return fail("drills.schedule fired no drill within 60 s");
    }

    private JsonNode drills() {
        return DaemonOnSimulator.body(drc.api("/api/v1/drills", DaemonOnSimulator.VIEWER).get()).get("items");
    }
}
