package io.drc.controller.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dropwizard.testing.ConfigOverride;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetHealthDescription;

/**
 * Tier 3, the shipped pilot-light failover at the demo's time scale (0.05: instances launch in 4.5 s, targets
 * pass their health checks in 7.5 s) with its wait for healthy targets shortened to {@value #TIMEOUT} s: ELBv2
 * checks targets only from a load balancer that forwards to their group. Waiting on a group no listener uses
 * times out — the DR instances are InService yet never healthy — and the traffic stays where it was; behind the
 * demo's ALB the same wait passes well within it.
 */
class AwaitHealthyBehindLoadBalancerTest {
    static final int TIMEOUT = 60;
    static final String DR = "us-west-2";

    final DaemonOnSimulator drc = new DaemonOnSimulator(0.05);
    @TempDir
    Path runbooks;

    @AfterEach
    void close() {
        drc.close();
    }

    @BeforeEach
    void shortenTheWaitForHealthyTargets() throws Exception {
        // the file pilot-light shares with warm standby, written back under pilot-light's own name, which overrides it
        String name = "pilot-light-failover.asl.json";
        ObjectNode runbook = (ObjectNode) DaemonOnSimulator.JSON.readTree(
                Path.of("..", "runbooks", "promote-and-scale-failover.asl.json").toFile());
        ObjectNode await = (ObjectNode) state(runbook, "AwaitHealthyTargets");
        assertThat(await.get("Resource").asText()).isEqualTo("drc:elbv2:awaitHealthy");
        await.put("TimeoutSeconds", TIMEOUT);
        Files.writeString(runbooks.resolve(name), DaemonOnSimulator.JSON.writeValueAsString(runbook));
        drc.startDaemon(ConfigOverride.config("engine.runbooks", runbooks.toString()));
    }

    /** The state named {@code name}, at the top level or in a Parallel's branches. */
    private static JsonNode state(JsonNode machine, String name) {
        JsonNode states = machine.get("States");
        if (states.has(name)) {
            return states.get(name);
        }
        return StreamSupport.stream(states.spliterator(), false)
                .flatMap(s -> StreamSupport.stream(s.path("Branches").spliterator(), false))
                .map(branch -> state(branch, name)).filter(found -> found != null).findFirst().orElse(null);
    }

    @Test
    void withoutAListenerTheWaitTimesOutAndTrafficStaysHome() {
        try (var elb = drc.aws.elbv2(DR)) {
            String alb = elb.describeLoadBalancers(r -> r.names("web-alb")).loadBalancers().get(0).loadBalancerArn();
            elb.describeListeners(r -> r.loadBalancerArn(alb)).listeners()
                    .forEach(l -> elb.deleteListener(r -> r.listenerArn(l.listenerArn())));
        }
        String id = DaemonOnSimulator.body(drc.post("/api/v1/failovers", "{\"confirm\": \"" + DR + "\"}"))
                .get("id").asText();
        JsonNode done = drc.driveUntil(id, DaemonOnSimulator.ENDED);

        assertThat(done.get("status").asText()).as(done.toPrettyString()).isEqualTo("FAILED");
        assertThat(done.get("error").asText()).isEqualTo("States.Timeout");
        assertThat(step(done, "AwaitInService").get("status").asText()).isEqualTo("SUCCEEDED");
        JsonNode await = step(done, "AwaitHealthyTargets");
        assertThat(await.get("status").asText()).isEqualTo("FAILED");
        assertThat(await.get("error").asText()).startsWith("States.Timeout").contains("TimeoutSeconds of " + TIMEOUT);
        assertThat(targets()).hasSize(4).allSatisfy(t -> {
            assertThat(t.targetHealth().stateAsString()).isEqualTo("unused");
            assertThat(t.targetHealth().reasonAsString()).isEqualTo("Target.NotInUse");
        });
        assertThat(drc.weights()).as("no traffic sent to a tier no load balancer serves")
                .containsEntry("primary", 100L).containsEntry("dr", 0L);
    }

    @Test
    void behindTheDemoAlbTheWaitPasses() {
        JsonNode done = drc.runToSuccess("/api/v1/failovers", DR);
        assertThat(step(done, "AwaitHealthyTargets").get("status").asText()).isEqualTo("SUCCEEDED");
        assertThat(targets()).hasSize(4).allSatisfy(t -> assertThat(t.targetHealth().stateAsString()).isEqualTo("healthy"));
        assertThat(drc.weights()).containsEntry("dr", 100L).containsEntry("primary", 0L);
    }

    private java.util.List<TargetHealthDescription> targets() {
        try (var elb = drc.aws.elbv2(DR)) {
            String tg = elb.describeTargetGroups(r -> r.names("web-tg")).targetGroups().get(0).targetGroupArn();
            return elb.describeTargetHealth(r -> r.targetGroupArn(tg)).targetHealthDescriptions();
        }
    }

    private static JsonNode step(JsonNode execution, String name) {
        for (JsonNode step : execution.get("steps")) {
            if (step.get("name").asText().equals(name)) {
                return step;
            }
        }
        throw new AssertionError("no step " + name + " in " + execution.toPrettyString());
    }
}
