package io.drc.controller.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.drc.simulator.core.Journal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Tier 3: the daemon stops between steps of a failover and a new one starts on the same H2 file; the execution
 * completes and every mutating AWS action was applied once per resource.
 */
class RestartMidRunTest {
    final DaemonOnSimulator drc = new DaemonOnSimulator();

    @AfterEach
    void close() {
        drc.close();
    }

    @ParameterizedTest(name = "stopped once {0} succeeded")
    @ValueSource(strings = {"PromoteDatabase,ScaleWebTier", "AwaitInService", "ShiftTraffic"})
    void aRestartedDaemonResumesTheFailoverAndAppliesEachChangeOnce(String stopAfter) throws Exception {
        drc.startDaemon();
        long seq = drc.simulator.journal().lastSeq();
        String id = DaemonOnSimulator.body(drc.post("/api/v1/failovers", "{\"confirm\": \"us-west-2\"}"))
                .get("id").asText();
        awaitStepsSucceeded(id, Set.of(stopAfter.split(",")));
        drc.stopDaemon();
        // as if a daemon had been killed holding the work: the next one takes it over at once, its owner being dead
        var queue = new io.drc.controller.db.WorkQueue(org.jdbi.v3.core.Jdbi.create(drc.databaseUrl, "sa", ""),
                io.dropwizard.jackson.Jackson.newObjectMapper());
        Instant now = drc.simulator.manualClock().instant();
        Instant anyDue = now.plus(Duration.ofDays(1));
        assertThat(queue.claim(new io.drc.controller.db.Claimant("killed-daemon#1", anyDue), anyDue,
                Duration.ofMinutes(5), 100)).as("work left for the next daemon").isNotEmpty();

        drc.startDaemon();
        JsonNode atStop = drc.execution(id);
        assertThat(atStop.get("status").asText()).isEqualTo("RUNNING");
        JsonNode done = drc.driveUntil(id, Set.of("SUCCEEDED", "FAILED", "CANCELLED"));

        assertThat(done.get("status").asText()).as(done.toPrettyString()).isEqualTo("SUCCEEDED");
        assertThat(done.get("rtoSeconds").isNull()).isFalse();
        drc.awaitCall("PutMetricData");
        List<Journal.Call> mutating = drc.simulator.journal().since(seq).stream().filter(Journal.Call::mutating)
                .filter(c -> c.status() == 200).toList();
        Map<String, Long> perResource = mutating.stream().collect(Collectors.groupingBy(
                c -> c.region() + " " + c.action() + " " + resource(c), Collectors.counting()));
        assertThat(perResource).containsOnly(
                Map.entry("us-west-2 PromoteReadReplica shop-db-replica", 1L),
                Map.entry("us-west-2 UpdateAutoScalingGroup web", 1L),
                Map.entry("us-east-1 ChangeResourceRecordSets " + drc.demo.hostedZoneId(), 1L),
                Map.entry("us-east-1 UpdateAutoScalingGroup web", 1L),
                Map.entry("us-west-2 PutMetricData DRC", 1L));
    }

    private static String resource(Journal.Call call) {
        for (String key : List.of("DBInstanceIdentifier", "AutoScalingGroupName", "HostedZoneId", "Id", "Namespace")) {
            if (call.params().containsKey(key)) {
                return call.params().get(key);
            }
        }
        return call.params().toString();
    }

    /** Drives simulated time until the named steps have succeeded. */
    private void awaitStepsSucceeded(String id, Set<String> names) {
        JsonNode[] steps = new JsonNode[1];
        drc.driveUntil(Duration.ofSeconds(5), () -> {
            steps[0] = drc.execution(id).get("steps");
            long done = 0;
            for (JsonNode s : steps[0]) {
                if (names.contains(s.get("name").asText()) && s.get("status").asText().equals("SUCCEEDED")) {
                    done++;
                }
            }
            return done == names.size();
        }, () -> "steps " + names + " of " + id + " to succeed: " + steps[0]);
    }
}
