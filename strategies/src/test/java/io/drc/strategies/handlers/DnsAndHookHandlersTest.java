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
