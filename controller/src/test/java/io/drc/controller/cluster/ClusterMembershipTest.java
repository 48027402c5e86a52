package io.drc.controller.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.drc.controller.db.ClusterStore;
import io.drc.controller.testing.StoreDatabases;
import io.drc.controller.testing.TestDatabase;
import io.drc.controller.testing.TestNodes;
import io.drc.simulator.core.ManualClock;
import io.dropwizard.jackson.Jackson;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ArgumentsSource;

/** Membership on a manual clock and a fake monotonic clock: no thread, no sleeping. */
class ClusterMembershipTest {
    static final Instant T0 = Instant.parse("2026-03-01T00:00:00Z");

    static ClusterMembership member(Jdbi jdbi, String nodeId, ManualClock clock, AtomicLong nanos) {
        return new ClusterMembership(new ClusterStore(jdbi, Jackson.newObjectMapper()),
                new ClusterMembership.Settings(nodeId, TestNodes.HEARTBEAT, TestNodes.DEAD_AFTER), clock, nanos::get);
    }

    @ParameterizedTest(name = "{0}")
    @ArgumentsSource(StoreDatabases.class)
    void daemonsSeeEachOtherAliveUntilAHeartbeatIsOlderThanDeadAfter(TestDatabase database) throws Exception {
        Jdbi jdbi = database.migratedJdbi();
        ManualClock clock = new ManualClock(T0);
        AtomicLong nanos = new AtomicLong();
        ClusterMembership a = member(jdbi, "daemon-a", clock, nanos);
        ClusterMembership b = member(jdbi, "daemon-b", clock, nanos);
        assertThat(a.join().ownerTag()).isEqualTo("daemon-a#1");
        b.join();
        a.beat();
        assertThat(a.view().alive()).containsExactly("daemon-a", "daemon-b");
        assertThat(b.view().selfIndex()).isEqualTo(1);

        clock.advance(Duration.ofSeconds(14));
        a.beat();
        assertThat(a.view().alive()).as("b's heartbeat is 14 s old").containsExactly("daemon-a", "daemon-b");
        clock.advance(Duration.ofSeconds(2));
        a.beat();
        assertThat(a.view().alive()).as("b's heartbeat is 16 s old: dead").containsExactly("daemon-a");
        ClusterSnapshot seen = a.snapshot();
        assertThat(seen.alive()).extracting(ClusterNode::nodeId).containsExactly("daemon-a");
        assertThat(seen.departed()).extracting(ClusterNode::nodeId).containsExactly("daemon-b");
        assertThat(seen.stall("step S", "daemon-b#1", T0, T0.plusSeconds(300), "engine.lease")).get()
                .asString().contains("dead daemon daemon-b (last heartbeat 16.0 s ago");

        b.beat();
        assertThat(a.snapshot().alive()).hasSize(2);
        b.stop();
        assertThat(a.snapshot().departed()).singleElement()
                .satisfies(n -> assertThat(n.stoppedAt()).as("b left cleanly").isEqualTo(clock.instant()));
    }

    /**
     * A heartbeat thread that read its clock, then was descheduled while a later beat was stored, must not move the
     * heartbeat back: the other daemons would see a live daemon as dead and take its claims (seen once in
     * TwoDaemonsReplicationTest under load, as fenced results dropped).
     */
    @ParameterizedTest(name = "{0}")
    @ArgumentsSource(StoreDatabases.class)
    void aLateBeatNeverMovesTheHeartbeatBack(TestDatabase database) throws Exception {
        Jdbi jdbi = database.migratedJdbi();
        ManualClock clock = new ManualClock(T0);
        ClusterMembership a = member(jdbi, "daemon-a", clock, new AtomicLong());
        String tag = a.join().ownerTag();
        ClusterStore store = new ClusterStore(jdbi, Jackson.newObjectMapper());
        assertThat(store.beat(tag, T0.plusSeconds(60))).isTrue();
        assertThat(store.beat(tag, T0.plusSeconds(1))).as("the late beat still finds its node").isTrue();
        assertThat(store.nodes()).singleElement()
                .satisfies(n -> assertThat(n.heartbeatAt()).isEqualTo(T0.plusSeconds(60)));
    }

    @ParameterizedTest(name = "{0}")
    @ArgumentsSource(StoreDatabases.class)
    void aDaemonWhoseOwnHeartbeatIsLateStopsTakingWork(TestDatabase database) throws Exception {
        Jdbi jdbi = database.migratedJdbi();
        ManualClock clock = new ManualClock(T0);
        AtomicLong nanos = new AtomicLong(1_000);
        ClusterMembership a = member(jdbi, "daemon-a", clock, nanos);
        assertThat(a.mayClaim()).as("not joined").isFalse();
        a.join();
        assertThat(a.mayClaim()).isTrue();
        nanos.addAndGet(Duration.ofSeconds(12).toNanos()); // the heartbeat thread was starved for 12 s
        assertThat(a.mayClaim()).as("within deadAfter - heartbeat/2 = 12.5 s").isTrue();
        nanos.addAndGet(Duration.ofMillis(600).toNanos());
        assertThat(a.mayClaim()).as("12.6 s without a heartbeat: the others may see it dead soon").isFalse();
        a.beat();
        assertThat(a.mayClaim()).isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @ArgumentsSource(StoreDatabases.class)
    void aSecondProcessWithTheSameNodeIdSupersedesTheFirst(TestDatabase database) throws Exception {
        Jdbi jdbi = database.migratedJdbi();
        ManualClock clock = new ManualClock(T0);
        AtomicLong nanos = new AtomicLong();
        ClusterMembership first = member(jdbi, "daemon-a", clock, nanos);
        first.join();
        ClusterMembership second = member(jdbi, "daemon-a", clock, nanos);
        assertThat(second.join().incarnation()).isEqualTo(2);
        first.beat();
        assertThat(first.superseded()).isTrue();
        assertThat(first.mayClaim()).as("it takes no more work").isFalse();
        assertThat(second.mayClaim()).isTrue();
        first.stop();
        assertThat(second.snapshot().alive()).as("the first's stop does not remove the second")
                .extracting(ClusterNode::ownerTag).containsExactly("daemon-a#2");
    }

    @ParameterizedTest(name = "{0}")
    @ArgumentsSource(StoreDatabases.class)
    void aPeriodicDutyIsTakenByOneDaemonPerInterval(TestDatabase database) throws Exception {
        Jdbi jdbi = database.migratedJdbi();
        ManualClock clock = new ManualClock(T0);
        AtomicLong nanos = new AtomicLong();
        ClusterMembership a = member(jdbi, "daemon-a", clock, nanos);
        ClusterMembership b = member(jdbi, "daemon-b", clock, nanos);
        a.join();
        b.join();
        assertThat(a.takeDuty("rpo-measure", 100)).isTrue();
        assertThat(b.takeDuty("rpo-measure", 100)).isFalse();
        assertThat(a.takeDuty("rpo-measure", 100)).as("once, even for its taker").isFalse();
        assertThat(b.takeDuty("rpo-measure", 99)).as("an earlier interval is gone").isFalse();
        assertThat(b.takeDuty("catalog-reconcile", 100)).as("duties are separate").isTrue();
        assertThat(b.takeDuty("rpo-measure", 101)).isTrue();
    }
}
