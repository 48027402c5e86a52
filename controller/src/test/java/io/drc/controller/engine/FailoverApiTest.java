package io.drc.controller.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.drc.simulator.core.Journal;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import software.amazon.awssdk.services.autoscaling.model.AutoScalingGroup;
import software.amazon.awssdk.services.rds.model.DBInstance;

/** Tier 3: failover, dry run, fail-back with approval, cancel and refusals over REST against the simulator. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FailoverApiTest {
    static DaemonOnSimulator drc;

    @BeforeAll
    static void start() throws Exception {
        drc = new DaemonOnSimulator().startDaemon();
    }

    @AfterAll
    static void stop() {
        drc.close();
    }

    List<Journal.Call> mutatingCallsSince(long seq) {
        return drc.simulator.journal().since(seq).stream().filter(Journal.Call::mutating).toList();
    }

    @Test
    @Order(1)
    void badRequestsNameTheProblemAndStartNothing() {
        long seq = drc.simulator.journal().lastSeq();
        expect(drc.post("/api/v1/failovers", "{\"confirm\": "), 400, "malformed_json", "not valid JSON");
        expect(drc.post("/api/v1/failovers", "{\"confirm\": \"us-west-2\", \"forced\": true}"), 400, "unknown_field",
                "'forced'");
        expect(drc.post("/api/v1/failovers", "{\"confirm\": \"us-west-2\", \"force\": true, \"reason\": \"x\"}"), 403,
                "force_requires_admin", "admin");
        expect(drc.post("/api/v1/failovers", "{\"strategy\": \"teleport\", \"confirm\": \"us-west-2\"}"), 422,
                "unknown_strategy", "pilot-light");
        expect(drc.post("/api/v1/failovers", "{\"reason\": \"drill\"}"), 422, "confirmation_required", "us-west-2");
        expect(drc.post("/api/v1/failovers", "{\"confirm\": \"us-east-1\"}"), 422, "confirmation_mismatch", "us-west-2");
        expect(drc.post("/api/v1/failbacks", "{\"confirm\": \"us-west-2\"}"), 422, "confirmation_mismatch", "us-east-1");
        expect(drc.api("/api/v1/failovers", null).post(Entity.json("{\"confirm\": \"us-west-2\"}")), 401,
                "unauthorized", "bearer token");
        expect(drc.api("/api/v1/failovers", DaemonOnSimulator.VIEWER).post(Entity.json("{\"confirm\": \"us-west-2\"}")),
                403, "forbidden", "role");

        assertThat(DaemonOnSimulator.body(drc.api("/api/v1/executions", DaemonOnSimulator.VIEWER).get())
                .get("items")).isEmpty();
        assertThat(mutatingCallsSince(seq)).isEmpty();
    }

    @Test
    @Order(2)
    void dryRunListsTheChangesAndMakesNone() {
        long seq = drc.simulator.journal().lastSeq();
        Response response = drc.post("/api/v1/failovers", "{\"confirm\": \"us-west-2\", \"dryRun\": true}");

        assertThat(response.getStatus()).isEqualTo(200);
        JsonNode plan = DaemonOnSimulator.body(response);
        assertThat(names(plan.get("steps"))).containsExactly("PromoteDatabase",
                "AwaitDatabasePromoted", "ScaleWebTier", "AwaitInService", "AwaitHealthyTargets", "ShiftTraffic",
                "AwaitTrafficShifted", "MarkRecovered", "FenceFailedRegion");
        Map<String, String> changes = changes(plan);
        assertThat(changes).containsEntry("autoscaling:us-west-2:web min/desired/max", "0/0/8 -> 4/4/8")
                .containsEntry("rds:us-west-2:shop-db-replica role", "read replica of arn:aws:rds:us-east-1:123456789012:db:shop-db -> standalone")
                .containsEntry("route53:" + drc.demo.hostedZoneId() + ":shop.example.com.:primary weight", "100 -> 0")
                .containsEntry("route53:" + drc.demo.hostedZoneId() + ":shop.example.com.:dr weight", "0 -> 100")
                .containsEntry("autoscaling:us-east-1:web min/desired/max", "4/4/8 -> 0/0/8 (terminates its 4 instances)");
        assertThat(plan.get("guard").get("verdict").asText()).isEqualTo("clear");
        assertThat(plan.get("guard").get("observed").asText()).contains("us-east-1=100, us-west-2=0")
                .contains("shop-db (us-east-1) writable");
        assertThat(plan.get("steps").get(2).get("branch").asText()).isEqualTo("Recover[1]");
        assertThat(plan.get("steps").get(2).get("parameters").get("groups").get(0).get("desired").asInt()).isEqualTo(4);
        assertThat(drc.simulator.journal().since(seq)).as("read-only lookups were made").isNotEmpty();
        assertThat(mutatingCallsSince(seq)).isEmpty();
        assertThat(DaemonOnSimulator.body(drc.api("/api/v1/executions", DaemonOnSimulator.VIEWER).get())
                .get("items")).isEmpty();
    }

    @Test
    @Order(3)
    void pilotLightFailoverRunsToSucceededAndRecordsRto() {
        Response started = drc.api("/api/v1/failovers", DaemonOnSimulator.OPERATOR).header("Idempotency-Key", "inc-42")
                .post(Entity.entity("{\"confirm\": \"us-west-2\", \"reason\": \"us-east-1 down\"}",
                        MediaType.APPLICATION_JSON));
        assertThat(started.getStatus()).isEqualTo(202);
        JsonNode execution = DaemonOnSimulator.body(started);
        String id = execution.get("id").asText();
        assertThat(started.getHeaderString("Location")).endsWith("/api/v1/executions/" + id);
        assertThat(execution.get("kind").asText()).isEqualTo("failover");
        assertThat(execution.get("requestedBy").asText()).isEqualTo("oncall");

        Response repeated = drc.api("/api/v1/failovers", DaemonOnSimulator.OPERATOR).header("Idempotency-Key", "inc-42")
                .post(Entity.json("{\"reason\": \"us-east-1 down\", \"confirm\": \"us-west-2\", \"dryRun\": false}"));
        assertThat(DaemonOnSimulator.body(repeated).get("id").asText()).as("the same request, keys reordered, "
                + "dryRun spelled out").isEqualTo(id);
        expect(drc.api("/api/v1/failovers", DaemonOnSimulator.OPERATOR).header("Idempotency-Key", "inc-42")
                .post(Entity.json("{\"confirm\": \"us-west-2\"}")), 422, "idempotency_key_reused", id);
        expect(drc.api("/api/v1/failbacks", DaemonOnSimulator.OPERATOR).header("Idempotency-Key", "inc-42")
                .post(Entity.json("{\"confirm\": \"us-east-1\", \"reason\": \"us-east-1 down\"}")), 422,
                "idempotency_key_reused", id);
        expect(drc.post("/api/v1/failovers", "{\"confirm\": \"us-west-2\"}"), 409, "execution_running", id);
        expect(drc.post("/api/v1/failbacks", "{\"confirm\": \"us-east-1\"}"), 409, "execution_running", id);

        JsonNode done = drc.driveUntil(id, Set.of("SUCCEEDED", "FAILED", "CANCELLED"));
        assertThat(done.get("status").asText()).as(done.toPrettyString()).isEqualTo("SUCCEEDED");
        assertThat(done.get("rtoSeconds").asDouble()).isPositive();
        assertThat(done.get("rtoMet").asBoolean()).isTrue();
        assertThat(field(done.get("steps"), "status")).containsOnly("SUCCEEDED");
        assertThat(done.get("steps").get(0).get("attempts").asInt()).isEqualTo(1);

        AutoScalingGroup web = drc.aws.autoScaling("us-west-2").describeAutoScalingGroups(r -> r.autoScalingGroupNames("web"))
                .autoScalingGroups().get(0);
        assertThat(web.desiredCapacity()).isEqualTo(4);
        assertThat(web.instances()).hasSize(4).allSatisfy(i -> assertThat(i.lifecycleStateAsString()).isEqualTo("InService"));
        DBInstance db = drc.aws.rds("us-west-2").describeDBInstances(r -> r.dbInstanceIdentifier("shop-db-replica"))
                .dbInstances().get(0);
        assertThat(db.readReplicaSourceDBInstanceIdentifier()).isNull();
        assertThat(weights()).containsEntry("dr", 100L).containsEntry("primary", 0L);
        assertThat(activeRegion()).as("status tells which region serves").isEqualTo("us-west-2");
        drc.awaitCall("PutMetricData");
        assertThat(drc.simulator.journal().select(c -> c.action().equals("PutMetricData")))
                .singleElement().satisfies(c -> {
                    assertThat(c.region()).isEqualTo("us-west-2");
                    assertThat(c.params().values()).contains("DRC", "AchievedRTO", "pilot-light", "shop");
                });
    }

    @Test
    @Order(4)
    void failbackWaitsForApprovalThenRuns() {
        JsonNode started = DaemonOnSimulator.body(drc.post("/api/v1/failbacks", "{\"confirm\": \"us-east-1\"}"));
        String id = started.get("id").asText();
        JsonNode waiting = drc.driveUntil(id, Set.of("WAITING_APPROVAL"));
        assertThat(waiting.get("steps").get(0).get("status").asText()).isEqualTo("WAITING_APPROVAL");
        expect(drc.api("/api/v1/executions/" + id + "/approve", DaemonOnSimulator.VIEWER).post(Entity.json("")), 403,
                "forbidden", "role");

        assertThat(drc.post("/api/v1/executions/" + id + "/approve", "").getStatus()).isEqualTo(200);
        JsonNode done = drc.driveUntil(id, Set.of("SUCCEEDED", "FAILED", "CANCELLED"));
        assertThat(done.get("status").asText()).as(done.toPrettyString()).isEqualTo("SUCCEEDED");
        assertThat(weights()).containsEntry("primary", 100L).containsEntry("dr", 0L);
        assertThat(activeRegion()).isEqualTo("us-east-1");
        assertThat(drc.aws.autoScaling("us-west-2").describeAutoScalingGroups(r -> r.autoScalingGroupNames("web"))
                .autoScalingGroups().get(0).desiredCapacity()).as("DR back at standby").isZero();
        expect(drc.post("/api/v1/executions/" + id + "/approve", ""), 409, "not_waiting_for_approval", id);
    }

    @Test
    @Order(5)
    void cancelStopsAnExecution() {
        // home serves again: a second fail-back makes no sense, so only an admin's override starts one
        expect(drc.post("/api/v1/failbacks", "{\"confirm\": \"us-east-1\"}"), 409, "nothing_to_fail_back", "us-east-1");
        JsonNode started = DaemonOnSimulator.body(drc.api("/api/v1/failbacks", "admin-token").post(Entity.json(
                "{\"confirm\": \"us-east-1\", \"force\": true, \"reason\": \"test the cancel\"}")));
        String id = started.get("id").asText();
        drc.driveUntil(id, Set.of("WAITING_APPROVAL"));

        Response cancelled = drc.post("/api/v1/executions/" + id + "/cancel", "");
        assertThat(cancelled.getStatus()).isEqualTo(200);
        JsonNode body = DaemonOnSimulator.body(cancelled);
        assertThat(body.get("status").asText()).isEqualTo("CANCELLED");
        assertThat(body.get("steps").get(0).get("status").asText()).isEqualTo("CANCELLED");
        expect(drc.post("/api/v1/executions/" + id + "/cancel", ""), 409, "already_ended", id);
        expect(drc.post("/api/v1/executions/nope/cancel", ""), 404, "execution_not_found", "nope");
        expect(drc.api("/api/v1/executions?kind=drills", DaemonOnSimulator.VIEWER).get(), 400, "invalid_value", "kind");

        JsonNode list = DaemonOnSimulator.body(drc.api("/api/v1/executions?kind=failback", DaemonOnSimulator.VIEWER).get());
        assertThat(list.get("items").get(0).get("id").asText()).as("newest first").isEqualTo(id);
        assertThat(field(list.get("items"), "kind")).containsOnly("failback").hasSize(2);
        assertThat(list.get("items").get(0).get("requestedBy").asText()).isEqualTo("root");
    }

    @Test
    @Order(6)
    void everyMutatingCallIsAuditedWithWhoWhatAndRequestId() {
        var audit = new io.drc.controller.db.AuditLog(org.jdbi.v3.core.Jdbi.create(drc.databaseUrl, "sa", ""),
                DaemonOnSimulator.JSON, java.time.Clock.systemUTC()).newestFirst(200);
        assertThat(audit).allSatisfy(e -> {
            assertThat(e.requestId()).isNotBlank();
            assertThat(e.at()).isNotNull();
        });
        assertThat(audit).extracting(e -> e.principal() + " " + e.action() + " " + e.detail().get("status").asInt())
                .contains("oncall failover.start 202", "oncall failover.start 409", "oncall failover.start 422",
                        "oncall failover.start 200", "oncall failback.start 202", "oncall execution.approve 200",
                        "oncall execution.cancel 200", "oncall execution.cancel 409");
    }

    private Map<String, Long> weights() {
        return drc.weights();
    }

    private static Map<String, String> changes(JsonNode plan) {
        Map<String, String> out = new java.util.LinkedHashMap<>();
        for (JsonNode step : plan.get("steps")) {
            assertThat(step.get("planError").isNull()).as(step.toString()).isTrue();
            for (JsonNode c : step.get("changes")) {
                out.put(c.get("resource").asText() + " " + c.get("attribute").asText(),
                        c.get("from").asText() + " -> " + c.get("to").asText());
            }
        }
        return out;
    }

    static List<String> names(JsonNode steps) {
        return field(steps, "name");
    }

    static List<String> field(JsonNode steps, String field) {
        List<String> out = new java.util.ArrayList<>();
        steps.forEach(s -> out.add(s.get(field).asText()));
        return out;
    }

    private static String activeRegion() {
        return DaemonOnSimulator.body(drc.api("/api/v1/status", DaemonOnSimulator.VIEWER).get()).get("activeRegion").asText();
    }

    private static void expect(Response response, int status, String code, String mentions) {
        JsonNode body = DaemonOnSimulator.body(response);
        assertThat(response.getStatus()).as(body.toString()).isEqualTo(status);
        assertThat(body.get("code").asText()).isEqualTo(code);
        assertThat(body.get("message").asText()).contains(mentions);
        assertThat(body.get("requestId").asText()).isNotBlank();
    }
}
