package io.drc.strategies.handlers;

import static io.drc.strategies.handlers.HandlerFixture.params;
import static org.assertj.core.api.Assertions.assertThat;

import io.drc.strategies.step.StepResult;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Flipping the weighted record in one change and waiting for INSYNC; application hooks. */
class DnsAndHookHandlersTest {
    private final HandlerFixture f = HandlerFixture.demo();

    @AfterEach
    void close() {
        f.close();
    }

    @Test
    void flipsTheWeightsInOneChangeThenWaitsForInsync() {
        String zone = zoneId();
        var p = params("{'hostedZoneId': '" + zone + "', 'recordName': 'shop.example.com', 'weights': {'primary': 0, 'dr': 100}}");
        var set = new SetDnsWeightsHandler(f.aws);
        var change = f.succeeds(set, p).output();
        assertThat(f.mutating("ChangeResourceRecordSets")).hasSize(1);
        var await = new AwaitDnsChangeHandler(f.aws);
        assertThat(f.awaitSuccess(await, params("{'changeId': '" + change.path("changeId").asText() + "'}"), 20)).isPositive();
        assertThat(f.awaitSuccess(await, params("{'changeId': null}"), 0)).isZero();
    }

    /** A daemon killed after Route 53 took its change but before the answer came back never saw the change id. */
    @Test
    void weightsAlreadySetAreConfirmedByAnUnchangedBatchWhoseInsyncCanBeAwaited() {
        var p = params("{'hostedZoneId': '" + zoneId() + "', 'recordName': 'shop.example.com', 'weights': {'primary': 0, 'dr': 100}}");
        var set = new SetDnsWeightsHandler(f.aws);
        f.succeeds(set, p);
        var again = f.succeeds(set, p).output();

        assertThat(again.path("alreadySet").asBoolean()).isTrue();
        assertThat(again.path("changeId").asText()).isNotEmpty();
        var batches = f.mutating("ChangeResourceRecordSets");
        assertThat(batches).hasSize(2);
        assertThat(weightsIn(batches.get(1).params())).as("the second batch re-states, changes nothing")
                .isEqualTo(weightsIn(batches.get(0).params())).containsOnly("primary=0", "dr=100");
        var await = new AwaitDnsChangeHandler(f.aws);
        assertThat(f.awaitSuccess(await, params("{'changeId': '" + again.path("changeId").asText() + "'}"), 20)).isPositive();
    }

    /**
     * Issue 12 point 3: the weights are set back (someone's UPSERT, or a lost change) while the failover waits for
     * INSYNC. The await sees them unlike what was set, waits its grace period, re-issues the UPSERT once, records the
     * attempt, waits for that change and succeeds with the weights set.
     */
    @Test
    void weightsSetBackDuringTheAwaitAreReassertedOnceAfterTheGracePeriod() {
        String zone = zoneId();
        String weights = "'hostedZoneId': '" + zone + "', 'recordName': 'shop.example.com', "
                + "'weights': {'primary': 0, 'dr': 100}";
        var change = f.succeeds(new SetDnsWeightsHandler(f.aws), params("{" + weights + "}")).output();
        setWeight(zone, "primary", 100);
        setWeight(zone, "dr", 0);
        var p = params("{'changeId': '" + change.path("changeId").asText() + "', " + weights + "}");
        var await = new AwaitDnsChangeHandler(f.aws);

        var first = f.running(await, p);
        assertThat(first.checkpoint().path("reasserted").path("regressedSince").asText()).isNotEmpty();
        var done = f.awaited(await, p, 100);

        assertThat(f.mutating("ChangeResourceRecordSets")).as("the step's, the test's two, one re-assertion")
                .hasSize(4);
        assertThat(weightsIn(f.mutating("ChangeResourceRecordSets").get(3).params()))
                .containsOnly("primary=0", "dr=100");
        assertThat(done.polls()).as("the grace period (60 s) and the new change's INSYNC (30 s), 5 s a poll")
                .isBetween(12 + 6, 12 + 6 + 3);
        assertThat(done.result().output().path("reasserted")).singleElement().satisfies(attempt -> {
            assertThat(attempt.path("action").asText()).isEqualTo("ChangeResourceRecordSets");
            assertThat(attempt.path("why").asText())
                    .isEqualTo("shop.example.com: primary weighs 100, not 0; dr weighs 0, not 100");
        });
        assertThat(done.result().output().path("changeId").asText()).as("the re-assertion's change")
                .isNotEqualTo(change.path("changeId").asText());
        try (var route53 = f.clients.route53()) {
            assertThat(io.drc.strategies.serving.WeightedRecords.list(route53, zone, "shop.example.com"))
                    .extracting(r -> r.setIdentifier() + "=" + r.weight()).containsOnly("primary=0", "dr=100");
        }
    }

    @Test
    void weightsAsSetAreNeverReasserted() {
        String weights = "'hostedZoneId': '" + zoneId() + "', 'recordName': 'shop.example.com', "
                + "'weights': {'primary': 0, 'dr': 100}";
        var change = f.succeeds(new SetDnsWeightsHandler(f.aws), params("{" + weights + "}")).output();
        var p = params("{'changeId': '" + change.path("changeId").asText() + "', " + weights + "}");
        var done = f.awaited(new AwaitDnsChangeHandler(f.aws), p, 20);
        assertThat(f.mutating("ChangeResourceRecordSets")).as("the step's only").hasSize(1);
        assertThat(done.result().output().has("reasserted")).isFalse();
    }

    @Test
    void weightsWithoutTheirRecordAreARunbookBug() {
        var failed = f.fails(new AwaitDnsChangeHandler(f.aws),
                params("{'changeId': 'C1', 'weights': {'primary': 0, 'dr': 100}}"));
        assertThat(failed.error()).isEqualTo("Drc.InvalidRunbook");
        assertThat(failed.cause()).contains("hostedZoneId");
    }

    private void setWeight(String zone, String setId, long weight) {
        try (var route53 = f.clients.route53()) {
            var record = io.drc.strategies.serving.WeightedRecords.list(route53, zone, "shop.example.com").stream()
                    .filter(r -> r.setIdentifier().equals(setId)).findFirst().orElseThrow();
            route53.changeResourceRecordSets(r -> r.hostedZoneId(zone).changeBatch(b -> b.changes(c -> c
                    .action(software.amazon.awssdk.services.route53.model.ChangeAction.UPSERT)
                    .resourceRecordSet(record.toBuilder().weight(weight).build()))));
        }
    }

    /** "setId=weight" of every record set in a journaled ChangeResourceRecordSets call. */
    static java.util.Set<String> weightsIn(java.util.Map<String, String> params) {
        java.util.Set<String> out = new java.util.TreeSet<>();
        params.forEach((key, value) -> {
            if (key.endsWith("SetIdentifier")) {
                out.add(value + "=" + params.get(key.substring(0, key.length() - "SetIdentifier".length()) + "Weight"));
            }
        });
        return out;
    }

    @Test
    void aMissingSetIdentifierIsNotFound() {
        var failed = f.fails(new SetDnsWeightsHandler(f.aws), params("{'hostedZoneId': '" + zoneId()
                + "', 'recordName': 'shop.example.com.', 'weights': {'primary': 0, 'standby': 100}}"));
        assertThat(failed.error()).isEqualTo("Drc.NotFound");
        assertThat(failed.cause()).contains("standby");
    }

    @Test
    void hooksGetTheirNameAndContext() {
        List<String> ran = new ArrayList<>();
        var handler = new HookHandler((call, context) -> {
            ran.add(call.hook() + " " + call.execution());
            return new StepResult.Succeeded(context.parameters());
        });
        f.succeeds(handler, params("{'hook': 'freeze', 'execution': 'e-1'}"));
        assertThat(ran).containsExactly("freeze e-1");
    }

    @Test
    void unconfiguredHooksSucceedSayingSo() {
        var out = f.succeeds(new HookHandler(new LoggingHooks()), params("{'hook': 'unfreeze'}")).output();
        assertThat(out.path("action").asText()).isEqualTo("none configured");
        assertThat(f.fails(new HookHandler(new LoggingHooks()), params("{}")).error()).isEqualTo("Drc.InvalidRunbook");
    }

    private String zoneId() {
        try (var route53 = f.clients.route53()) {
            return route53.listHostedZones().hostedZones().get(0).id().replace("/hostedzone/", "");
        }
    }
}
