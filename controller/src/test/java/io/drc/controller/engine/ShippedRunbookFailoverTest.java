package io.drc.controller.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.dropwizard.testing.ConfigOverride;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Tier 3 with the shipped runbooks/pilot-light-*.asl.json: the input built from configuration is what they read. */
class ShippedRunbookFailoverTest {
    final DaemonOnSimulator drc = new DaemonOnSimulator();

    @AfterEach
    void close() {
        drc.close();
    }

    @Test
    void shippedPilotLightFailoverSucceeds() throws Exception {
        drc.startDaemon(ConfigOverride.config("engine.runbooks", Path.of("..", "runbooks").toAbsolutePath().toString()));
        String id = DaemonOnSimulator.body(drc.post("/api/v1/failovers", "{\"confirm\": \"us-west-2\"}"))
                .get("id").asText();

        JsonNode done = drc.driveUntil(id, Set.of("SUCCEEDED", "FAILED", "CANCELLED"));

        assertThat(done.get("status").asText()).as(done.toPrettyString()).isEqualTo("SUCCEEDED");
        assertThat(done.get("runbook").asText()).isEqualTo("pilot-light-failover.asl.json");
        assertThat(done.get("rtoSeconds").asDouble()).isPositive();
        assertThat(FailoverApiTest.field(done.get("steps"), "status")).containsOnly("SUCCEEDED");
    }
}
