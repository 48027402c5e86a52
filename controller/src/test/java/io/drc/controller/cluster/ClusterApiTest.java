package io.drc.controller.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.drc.controller.core.ResourceKind;
import io.drc.controller.db.ReplicationJobStore;
import io.drc.controller.engine.DaemonOnSimulator;
import io.drc.controller.testing.TestNodes;
import io.dropwizard.testing.ConfigOverride;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The daemon on the simulator and a second daemon's membership on the same store: {@code GET /api/v1/cluster} lists
 * both with what each holds, then only the first once the second's heartbeat is older than deadAfter; the
 * {@code scheduler} health check and status name the job the dead daemon still holds; Prometheus counts the nodes;
 * executions name the node that ran each step.
 */
class ClusterApiTest {
    final DaemonOnSimulator drc = new DaemonOnSimulator();

    @AfterEach
    void close() {
        drc.close();
    }

    @Test
    void theClusterShowsBothDaemonsAndWhatTheyHoldThenOneOnceTheOtherIsDead() throws Exception {
        drc.startDaemon(ConfigOverride.config("cluster.nodeId", "daemon-a"));
        JsonNode failover = drc.runToSuccess("/api/v1/failovers", "us-west-2");
        assertThat(failover.get("steps")).isNotEmpty()
                .allSatisfy(step -> assertThat(step.get("node").asText()).as("%s", step).isEqualTo("daemon-a"));

        Jdbi store = Jdbi.create(drc.databaseUrl, "sa", "");
        ClusterMembership b = TestNodes.member(store, "daemon-b", drc.simulator.manualClock());
        ReplicationJobStore jobs = new ReplicationJobStore(store);
        long job = jobs.startIfIdle("data", ResourceKind.EBS_VOLUME, drc.simulator.manualClock().instant())
                .orElseThrow().id();
        assertThat(jobs.claim(job, b.claimant(), drc.simulator.manualClock().instant(), Duration.ofMinutes(5)))
                .isPresent();

        JsonNode both = DaemonOnSimulator.body(drc.api("/api/v1/cluster", DaemonOnSimulator.VIEWER).get());
        assertThat(both.get("self").asText()).isEqualTo("daemon-a");
        assertThat(both.get("deadAfterSeconds").asDouble()).isEqualTo(15.0);
        assertThat(nodeIds(both.get("items"))).containsExactlyInAnyOrder("daemon-a", "daemon-b");
        JsonNode nodeB = node(both.get("items"), "daemon-b");
        assertThat(nodeB.get("state").asText()).isEqualTo("alive");
        assertThat(nodeB.get("self").asBoolean()).isFalse();
        assertThat(nodeB.get("holds").get("replicationJobs")).singleElement().satisfies(j -> {
            assertThat(j.get("jobId").asLong()).isEqualTo(job);
            assertThat(j.get("resource").asText()).isEqualTo("data");
        });
        assertThat(node(both.get("items"), "daemon-a").get("self").asBoolean()).isTrue();
        assertThat(health().get("scheduler").get("healthy").asBoolean()).as("%s", health()).isTrue();

        drc.simulator.manualClock().advance(Duration.ofSeconds(16)); // b stops beating: dead 15 s after its heartbeat
        JsonNode one = DaemonOnSimulator.body(drc.api("/api/v1/cluster", DaemonOnSimulator.VIEWER).get());
        assertThat(nodeIds(one.get("items"))).containsExactly("daemon-a");
        assertThat(one.get("departed")).singleElement().satisfies(n -> {
            assertThat(n.get("nodeId").asText()).isEqualTo("daemon-b");
            assertThat(n.get("state").asText()).isEqualTo("dead");
            assertThat(n.get("heartbeatAgeSeconds").asDouble()).isEqualTo(16.0);
            assertThat(n.get("holds").get("replicationJobs")).hasSize(1);
        });
        JsonNode scheduler = health().get("scheduler");
        assertThat(scheduler.get("healthy").asBoolean()).isFalse();
        assertThat(scheduler.get("message").asText()).contains("replication job " + job + " of data",
                "dead daemon daemon-b (last heartbeat 16.0 s ago");
        JsonNode status = drc.status();
        assertThat(status.get("ready").asBoolean()).isFalse();
        assertThat(status.get("checks")).anySatisfy(check -> {
            assertThat(check.get("name").asText()).isEqualTo("scheduler");
            assertThat(check.get("ok").asBoolean()).isFalse();
        });

        String prometheus = drc.admin("/metrics/prometheus").get(String.class);
        assertThat(prometheus).contains("drc_cluster_nodes 1.0", "drc_node_heartbeat_age_seconds{node=\"daemon-b\"} 16.0",
                "drc_claims_refused 0.0");
    }

    private JsonNode health() {
        return DaemonOnSimulator.body(drc.admin("/healthcheck").get());
    }

    private static List<String> nodeIds(JsonNode nodes) {
        List<String> ids = new ArrayList<>();
        nodes.forEach(n -> ids.add(n.get("nodeId").asText()));
        return ids;
    }

    private static JsonNode node(JsonNode nodes, String id) {
        for (JsonNode n : nodes) {
            if (n.get("nodeId").asText().equals(id)) {
                return n;
            }
        }
        throw new AssertionError("no node " + id + " in " + nodes);
    }
}
