package io.drc.controller.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.dropwizard.testing.ConfigOverride;
import jakarta.ws.rs.core.Response;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Tier 3: once a failover has moved the application to DR, copies of the old primary protect nothing, so status
 * must not call the application protected and no new cycle may start; after the fail-back, replication resumes by
 * itself and the resources become compliant again from copies taken after it.
 */
class ReplicationAcrossFailoverTest {
    private static final Set<String> CREATES = Set.of("CreateImage", "CreateSnapshot", "CreateDBSnapshot");
    final DaemonOnSimulator drc = new DaemonOnSimulator();

    @AfterEach
    void close() {
        drc.close();
    }

    @Test
    void replicationPausesWhileDrServesAndResumesAfterTheFailBack() throws Exception {
        BackupRestoreDemo.removeDrReplica(drc);
        drc.withReplication(true).startDaemon(BackupRestoreDemo.overrides(
                ConfigOverride.config("engine.runbooks", Path.of("..", "runbooks").toAbsolutePath().toString()),
                ConfigOverride.config("strategy.type", "backup-restore")));
        BackupRestoreDemo.awaitRecoveryPoints(drc);
        assertThat(recoverable(drc.status())).as(drc.status().toPrettyString()).isTrue();
        assertThat(drc.status().get("ready").asBoolean()).as("no drill has proven the RTO").isFalse();
        assertThat(drc.status().get("rto").get("reason").asText()).contains("no drill has passed yet");

        JsonNode failover = drc.runToSuccess("/api/v1/failovers", "us-west-2");
        long afterFailover = drc.simulator.journal().lastSeq();
        drc.driveUntil(Duration.ofSeconds(15), () -> allPaused(drc.status()),
                () -> "every copied resource paused: " + drc.status().toPrettyString());
        for (JsonNode resource : drc.status().get("resources")) {
            assertThat(resource.get("compliant").asBoolean()).as(resource.toString()).isFalse();
            assertThat(resource.get("error").asText()).contains("us-west-2")
                    .contains(failover.get("id").asText()).contains("fail-back");
        }
        assertThat(recoverable(drc.status())).as("the serving data has no copy elsewhere").isFalse();
        Response refused = drc.post("/api/v1/replication/run", "");
        assertThat(refused.getStatus()).isEqualTo(409);
        assertThat(DaemonOnSimulator.body(refused).get("code").asText()).isEqualTo("replication_paused");
        assertThat(sourcesCreatedSince(afterFailover)).as("no copy of the old primary started").isZero();

        JsonNode failback = drc.runToSuccess("/api/v1/failbacks", "us-east-1");
        Instant home = Instant.parse(failback.get("recoveredAt").asText());
        drc.driveUntil(Duration.ofSeconds(15), () -> allCompliantFrom(drc.status(), home),
                () -> "every resource compliant from a copy taken once home served: " + drc.status().toPrettyString());
        assertThat(sourcesCreatedSince(afterFailover)).as("one new source per resource, without being asked").isEqualTo(3);
        assertThat(recoverable(drc.status())).as(drc.status().toPrettyString()).isTrue();
    }

    /**
     * What {@code ready} says without its RTO half (no drill runs here, so {@code ready} stays false): every check
     * passes and every resource is within its RPO target.
     */
    private static boolean recoverable(JsonNode status) {
        boolean all = true;
        for (JsonNode check : status.get("checks")) {
            all &= check.get("ok").asBoolean();
        }
        for (JsonNode resource : status.get("resources")) {
            all &= resource.get("compliant").asBoolean(false);
        }
        return all;
    }

    /** Replication's own source snapshots and images in the primary (the fail-back takes its backup in DR). */
    private long sourcesCreatedSince(long seq) {
        return drc.simulator.journal().since(seq).stream()
                .filter(c -> CREATES.contains(c.action()) && c.region().equals("us-east-1")).count();
    }

    private static boolean allPaused(JsonNode status) {
        boolean all = status.get("resources").size() == 3;
        for (JsonNode resource : status.get("resources")) {
            all &= resource.path("error").asText("").startsWith("replication paused:");
        }
        return all;
    }

    private static boolean allCompliantFrom(JsonNode status, Instant after) {
        boolean all = status.get("resources").size() == 3;
        for (JsonNode resource : status.get("resources")) {
            String sourceTime = resource.path("latestRecoveryPoint").path("sourceTime").asText("");
            all &= resource.path("compliant").asBoolean(false) && !sourceTime.isEmpty()
                    && !Instant.parse(sourceTime).isBefore(after); // the first tick may share the recovered mark's instant
        }
        return all;
    }
}
