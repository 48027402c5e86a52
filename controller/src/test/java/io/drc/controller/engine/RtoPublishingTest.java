package io.drc.controller.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import io.drc.simulator.core.FaultRule;
import io.drc.simulator.core.Journal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Tier 3: the achieved RTO is stored with the execution, and CloudWatch gets it even when it did not answer at
 * the moment of recovery: the daemon keeps it in the outbox and publishes it once CloudWatch answers again (here,
 * at its next start), once.
 */
class RtoPublishingTest {
    final DaemonOnSimulator drc = new DaemonOnSimulator();

    @AfterEach
    void close() {
        drc.close();
    }

    @Test
    void anRtoCloudWatchDidNotTakeIsPublishedOnceItAnswersAgain() throws Exception {
        drc.simulator.faults().add(new FaultRule(null, FaultRule.Kind.DOWN, "us-west-2", "monitoring", null, 1.0,
                null, null));
        drc.startDaemon();
        String id = DaemonOnSimulator.body(drc.post("/api/v1/failovers", "{\"confirm\": \"us-west-2\"}"))
                .get("id").asText();
        JsonNode done = drc.driveUntil(id, Set.of("SUCCEEDED", "FAILED", "CANCELLED"));
        assertThat(done.get("status").asText()).as(done.toPrettyString()).isEqualTo("SUCCEEDED");
        double rto = done.get("rtoSeconds").asDouble();
        drc.stopDaemon(); // lets the in-flight attempt fail against the CloudWatch that is down
        assertThat(published()).as("nothing reached CloudWatch while it was down").isEmpty();
        assertThat(unpublished()).containsExactly(id);

        drc.simulator.faults().clear();
        drc.startDaemon();
        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        while (!unpublished().isEmpty()) {
            if (Instant.now().isAfter(deadline)) {
                fail("the stored RTO of " + id + " was not acknowledged within 20 s of the restart");
            }
            DaemonOnSimulator.pause();
        }
        drc.stopDaemon();
        assertThat(published()).singleElement().satisfies(call -> {
            assertThat(call.region()).isEqualTo("us-west-2");
            assertThat(call.params()).containsEntry("MetricData.member.1.MetricName", "AchievedRTO")
                    .containsEntry("MetricData.member.1.Value", String.valueOf(rto));
        });
    }

    private List<Journal.Call> published() {
        return drc.simulator.journal().select(c -> c.action().equals("PutMetricData") && c.status() == 200
                && "DRC".equals(c.params().get("Namespace")));
    }

    private List<String> unpublished() {
        return Jdbi.create(drc.databaseUrl, "sa", "").withHandle(h -> h.createQuery(
                "SELECT id FROM executions WHERE recovered_at IS NOT NULL AND rto_published_at IS NULL")
                .mapTo(String.class).list());
    }
}
