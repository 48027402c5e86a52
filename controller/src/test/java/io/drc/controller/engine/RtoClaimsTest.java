package io.drc.controller.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.drc.strategies.engine.ExecutionKind;
import io.dropwizard.jackson.Jackson;
import io.drc.controller.db.ExecutionStore;
import io.drc.controller.db.RtoOutbox;
import io.drc.controller.testing.StoreDatabases;
import io.drc.controller.testing.TestDatabase;
import io.drc.controller.testing.TestNodes;
import io.drc.simulator.Simulator;
import io.drc.simulator.SimulatorOptions;
import io.drc.simulator.core.ManualClock;
import io.drc.strategies.aws.AwsClients;
import io.drc.strategies.aws.AwsSettings;
import io.drc.strategies.engine.ExecutionState;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ArgumentsSource;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.retry.RetryMode;

/**
 * Two daemons on one database both sweep the RTO outbox: only the one holding the claim publishes, so CloudWatch
 * (the simulator, over HTTP) gets the datapoint once; a claim left by a dead daemon is free once its heartbeat is
 * older than deadAfter, a failed attempt's claim is given back at once.
 */
class RtoClaimsTest {
    static final ObjectMapper JSON = Jackson.newObjectMapper();
    static final Instant T0 = Instant.parse("2026-03-01T00:00:00Z");
    static final Duration CLAIM = Duration.ofMinutes(5);

    @ParameterizedTest(name = "{0}")
    @ArgumentsSource(StoreDatabases.class)
    void onlyTheClaimingDaemonPublishesAndADeadDaemonsClaimExpires(TestDatabase database) throws Exception {
        Jdbi jdbi = database.migratedJdbi();
        String id = recovered(jdbi, "rto-claims-" + System.nanoTime());
        TestNodes nodes = new TestNodes(jdbi);
        Instant[] now = {T0};
        String a = nodes.join("daemon-a", T0);
        String b = nodes.join("daemon-b", T0);
        RtoOutbox daemonA = new RtoOutbox(jdbi, JSON, () -> TestNodes.claimant(a, now[0]), CLAIM);
        RtoOutbox daemonB = new RtoOutbox(jdbi, JSON, () -> TestNodes.claimant(b, now[0]), CLAIM);
        try (Simulator simulator = Simulator.start(SimulatorOptions.defaults().withPort(0)
                .withClock(new ManualClock(T0.plusSeconds(120))));
             AwsClients aws = clients(simulator)) {
            assertThat(daemonA.claim(id, T0)).as("A claims it (and dies before publishing)").isTrue();
            now[0] = T0.plusSeconds(1);
            publisher(aws, daemonB, now[0]).publishPending();
            assertThat(puts(simulator)).as("B leaves A's live claim alone").isZero();
            assertThat(pending(daemonB, id)).isTrue();

            now[0] = T0.plus(TestNodes.DEAD_AFTER).plusSeconds(1);
            nodes.beat(b, now[0]);
            publisher(aws, daemonB, now[0]).publishPending();
            assertThat(puts(simulator)).as("A is dead: B publishes").isEqualTo(1);
            assertThat(pending(daemonB, id)).isFalse();
            assertThat(daemonA.claim(id, now[0])).as("published: nobody claims it again").isFalse();
        }
    }

    @ParameterizedTest(name = "{0}")
    @ArgumentsSource(StoreDatabases.class)
    void aClaimGivenBackIsFreeAtOnceAndOnlyItsOwnerGivesItBack(TestDatabase database) throws Exception {
        Jdbi jdbi = database.migratedJdbi();
        String id = recovered(jdbi, "rto-release-" + System.nanoTime());
        TestNodes nodes = new TestNodes(jdbi);
        String a = nodes.join("daemon-a", T0);
        String b = nodes.join("daemon-b", T0);
        RtoOutbox daemonA = new RtoOutbox(jdbi, JSON, () -> TestNodes.claimant(a, T0), CLAIM);
        RtoOutbox daemonB = new RtoOutbox(jdbi, JSON, () -> TestNodes.claimant(b, T0), CLAIM);
        assertThat(daemonA.claim(id, T0)).isTrue();
        daemonB.release(id);
        assertThat(daemonB.claim(id, T0.plusSeconds(1))).as("B cannot give back A's claim").isFalse();
        assertThat(daemonA.claim(id, T0.plusSeconds(2))).as("A renews its own claim").isTrue();
        daemonA.release(id);
        assertThat(daemonB.claim(id, T0.plusSeconds(3))).as("given back: B may try at once").isTrue();
    }

    /** A failover execution that reached its recovered mark (RTO 42 s) and is still in the outbox. */
    private static String recovered(Jdbi jdbi, String id) {
        ExecutionStore store = new ExecutionStore(jdbi, JSON);
        ExecutionState pending = ExecutionState.pending(id, T0.minusSeconds(42), JSON.createObjectNode());
        store.create(new ExecutionRecord(id, ExecutionKind.FAILOVER, "pilot-light", "t.asl.json", "oncall", "test",
                null, null, "us-west-2", 1800, T0.minusSeconds(42), null, null, null, pending, 0),
                new Commit(id, 0, pending, new DecisionEffects(false, List.of(), List.of()), null, null, T0.minusSeconds(42)),
                List.of());
        jdbi.useHandle(h -> h.createUpdate("UPDATE executions SET recovered_at = :at, rto_seconds = 42.0 WHERE id = :id")
                .bind("at", T0.atOffset(ZoneOffset.UTC)).bind("id", id).execute());
        return id;
    }

    private static boolean pending(RtoOutbox outbox, String id) {
        return outbox.pending().stream().anyMatch(e -> e.id().equals(id));
    }

    private static RtoPublisher publisher(AwsClients aws, RtoOutbox outbox, Instant now) {
        return new RtoPublisher(aws, "shop", outbox, Clock.fixed(now, ZoneOffset.UTC));
    }

    private static long puts(Simulator simulator) {
        return simulator.journal().select(c -> c.action().equals("PutMetricData") && c.status() == 200).size();
    }

    private static AwsClients clients(Simulator simulator) {
        return new AwsClients(new AwsSettings(simulator.endpoint(),
                StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")), Map.of(),
                RetryMode.STANDARD, 1, Duration.ofSeconds(10)));
    }
}
