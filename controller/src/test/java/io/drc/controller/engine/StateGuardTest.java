package io.drc.controller.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.drc.controller.api.AuditEntry;
import io.drc.controller.db.AuditLog;
import io.drc.simulator.core.Journal;
import io.dropwizard.testing.ConfigOverride;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.core.Response;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * Tier 3, shipped runbooks: a recovery that makes no sense in the state AWS shows is refused before anything
 * starts, and when an admin forces it past that guard the destructive step refuses at the moment it would act.
 * The incident this pins down: a fail-back sent while the primary served was accepted and deleted the primary
 * database 0.4 s later.
 */
class StateGuardTest {
    private static final String ADMIN = "admin-token";
    private static final String FAILBACK = "{\"confirm\": \"us-east-1\", \"reason\": \"clean up after the drill\"}";
    private final DaemonOnSimulator drc = new DaemonOnSimulator();

    @AfterEach
    void close() {
        drc.close();
    }

    private void start(String strategy) throws Exception {
        List<ConfigOverride> overrides = new ArrayList<>(List.of(
                ConfigOverride.config("engine.runbooks", Path.of("..", "runbooks").toAbsolutePath().toString()),
                ConfigOverride.config("strategy.type", strategy)));
        overrides.addAll(SteadyStates.prepare(drc, strategy));
        drc.startDaemon(overrides.toArray(ConfigOverride[]::new));
    }

    @ParameterizedTest
    @ValueSource(strings = {"pilot-light", "multi-site"})
    void aFailbackWhileThePrimaryServesIsRefusedAndTouchesNothing(String strategy) throws Exception {
        start(strategy);
        long seq = drc.simulator.journal().lastSeq();

        Response refused = drc.post("/api/v1/failbacks", FAILBACK);

        JsonNode error = expect(refused, 409, "nothing_to_fail_back");
        assertThat(error.get("message").asText()).contains("shop-db-replica (us-west-2) read replica")
                .contains("us-east-1=").contains("force");
        assertThat(mutatingSince(seq)).isEmpty();
        assertThat(executions()).isEmpty();
        assertThat(primaryDatabaseStatus()).isEqualTo("available");
        expect(drc.post("/api/v1/failbacks", FAILBACK.replace("}", ", \"dryRun\": true}")), 409,
                "nothing_to_fail_back");
    }

    @Test
    void forcedPastTheGuardTheFailbackStillCannotDeleteThePrimary() throws Exception {
        start("pilot-light");
        expect(drc.post("/api/v1/failbacks", FAILBACK.replace("}", ", \"force\": true}")), 403,
                "force_requires_admin");
        expect(admin("/api/v1/failbacks", "{\"confirm\": \"us-east-1\", \"force\": true}"), 422, "reason_required");

        JsonNode plan = DaemonOnSimulator.body(admin("/api/v1/failbacks",
                FAILBACK.replace("}", ", \"force\": true, \"dryRun\": true}")));
        assertThat(plan.get("guard").get("verdict").asText()).isEqualTo("refused");
        assertThat(plan.get("guard").get("code").asText()).isEqualTo("nothing_to_fail_back");
        assertThat(plan.get("guard").get("forced").asBoolean()).isTrue();
        assertThat(plan.get("guard").get("forcedBy").asText()).isEqualTo("root");
        assertThat(plan.toString()).as("the dry run lists the deletion")
                .contains("\"resource\":\"rds:us-east-1:shop-db\",\"attribute\":\"instance\",\"from\":\"writable, "
                        + "available\",\"to\":\"deleted\"");

        long seq = drc.simulator.journal().lastSeq();
        Response forced = admin("/api/v1/failbacks", FAILBACK.replace("}", ", \"force\": true}"));
        assertThat(forced.getStatus()).isEqualTo(202);
        JsonNode done = drc.driveUntil(DaemonOnSimulator.body(forced).get("id").asText(), DaemonOnSimulator.ENDED);

        assertThat(done.get("status").asText()).isEqualTo("FAILED");
        JsonNode retire = step(done, "RetireStaleHomeDatabase");
        assertThat(retire.get("status").asText()).isEqualTo("FAILED");
        assertThat(retire.get("error").asText()).contains("Drc.UnsafeDestructiveStep").contains("shop-db")
                .contains("Nothing was deleted");
        assertThat(drc.simulator.journal().since(seq)).noneMatch(c -> c.action().startsWith("Delete")
                || c.action().equals("PromoteReadReplica") || c.action().equals("ChangeResourceRecordSets"));
        assertThat(primaryDatabaseStatus()).isEqualTo("available");
        assertThat(drc.weights()).containsEntry("primary", 100L).containsEntry("dr", 0L);

        AuditEntry audit = audit().stream().filter(e -> e.action().equals("failback.start")
                && e.detail().get("status").asInt() == 202).findFirst().orElseThrow();
        assertThat(audit.principal()).isEqualTo("root");
        assertThat(audit.detail().get("guard").get("forced").asBoolean()).isTrue();
        assertThat(audit.detail().get("guard").get("reason").asText()).isEqualTo("clean up after the drill");
        assertThat(audit.detail().get("guard").get("observed").asText()).contains("us-east-1=100");
    }

    @Test
    void aFailoverWhileDrAlreadyServesIsRefused() throws Exception {
        start("pilot-light");
        drc.runToSuccess("/api/v1/failovers", "us-west-2");
        drc.awaitCall("PutMetricData"); // the RTO, published once the failover recovered
        long seq = drc.simulator.journal().lastSeq();

        JsonNode error = expect(drc.post("/api/v1/failovers", "{\"confirm\": \"us-west-2\"}"), 409, "already_serving");

        assertThat(error.get("message").asText()).contains("us-west-2=100").contains("shop-db-replica (us-west-2) "
                + "writable").contains("drc's last recovery: failover");
        assertThat(mutatingSince(seq)).isEmpty();
        assertThat(executions()).hasSize(1);
        JsonNode plan = DaemonOnSimulator.body(admin("/api/v1/failovers",
                "{\"confirm\": \"us-west-2\", \"reason\": \"re-run\", \"force\": true, \"dryRun\": true}"));
        assertThat(plan.get("guard").get("code").asText()).isEqualTo("already_serving");
        assertThat(mutatingSince(seq)).isEmpty();
        assertThat(DaemonOnSimulator.body(drc.post("/api/v1/failbacks", FAILBACK)).get("status").asText())
                .as("the fail-back that now makes sense is accepted").isIn("PENDING", "RUNNING");
    }

    private Response admin(String path, String json) {
        return drc.api(path, ADMIN).post(Entity.json(json));
    }

    private JsonNode expect(Response response, int status, String code) {
        JsonNode body = DaemonOnSimulator.body(response);
        assertThat(response.getStatus()).as(body.toString()).isEqualTo(status);
        assertThat(body.get("code").asText()).isEqualTo(code);
        return body;
    }

    private List<Journal.Call> mutatingSince(long seq) {
        return drc.simulator.journal().since(seq).stream().filter(Journal.Call::mutating).toList();
    }

    private JsonNode executions() {
        return DaemonOnSimulator.body(drc.api("/api/v1/executions", DaemonOnSimulator.VIEWER).get()).get("items");
    }

    private String primaryDatabaseStatus() {
        return drc.aws.rds("us-east-1").describeDBInstances(r -> r.dbInstanceIdentifier("shop-db")).dbInstances()
                .get(0).dbInstanceStatus();
    }

    private List<AuditEntry> audit() {
        return new AuditLog(Jdbi.create(drc.databaseUrl, "sa", ""), DaemonOnSimulator.JSON, Clock.systemUTC())
                .newestFirst(50);
    }

    private static JsonNode step(JsonNode execution, String name) {
        for (JsonNode s : execution.get("steps")) {
            if (s.get("name").asText().equals(name)) {
                return s;
            }
        }
        throw new AssertionError("no step " + name + " in " + execution.toPrettyString());
    }
}
