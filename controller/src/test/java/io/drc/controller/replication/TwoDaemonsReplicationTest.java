package io.drc.controller.replication;

import static org.assertj.core.api.Assertions.assertThat;

import io.drc.controller.testing.StoreDatabases;
import io.drc.controller.testing.TestDatabase;
import io.drc.controller.testing.TestNodes;
import io.drc.simulator.core.Journal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ArgumentsSource;

/**
 * Two daemons on one database (H2, and a real PostgreSQL) tick at the same moments, each with its own workers:
 * the job leases let one of them step a job at a time, so every source is created and copied exactly once.
 * Without the claims the first test fails (sources created and copied twice, step results dropped). A live
 * daemon keeps its job however long its step; a dead one's job is taken over once its heartbeat is too old.
 */
class TwoDaemonsReplicationTest {

    static String demoAndThirtyVolumes(io.drc.simulator.demo.DemoEnvironment demo,
                                       io.drc.simulator.SimulatorClients clients) {
        return """
                  - {id: web, kind: ec2-instance, resourceId: %s, rpoTargetSeconds: 900}
                  - {id: web-data, kind: ebs-volume, resourceId: %s, rpoTargetSeconds: 900}
                  - {id: shop-db, kind: rds-instance, resourceId: shop-db, rpoTargetSeconds: 3600}
                """.formatted(demo.instanceId(), demo.volumeId()) + QuotaAndRetentionTest.thirtyVolumes(clients);
    }

    @ParameterizedTest(name = "{0}")
    @ArgumentsSource(StoreDatabases.class)
    void twoDaemonsSteppingTheSameJobsTogetherCopyEachSourceOnce(TestDatabase database) throws Exception {
        ExecutorService daemons = Executors.newFixedThreadPool(2);
        try (ReplicationFixture f = new ReplicationFixture(TwoDaemonsReplicationTest::demoAndThirtyVolumes, "",
                database.dataSource())) {
            List<ReplicationWiring> both = List.of(f.wiring, f.anotherDaemon());
            boolean done = false;
            for (int round = 0; round < 80 && !done; round++) {
                f.beatAll();
                tickTogether(daemons, both);
                done = f.wiring.engine().jobs().latestPerResource().size() == 33
                        && f.wiring.engine().jobs().active().isEmpty();
                f.clock.advance(ReplicationFixture.STEP);
            }
            assertThat(done).as("every resource replicated").isTrue();

            assertThat(f.wiring.engine().jobs().latestPerResource()).hasSize(33)
                    .allSatisfy(j -> assertThat(j.step()).isEqualTo(JobStep.DONE));
            for (String resource : List.of("web", "web-data", "shop-db", "vol-00", "vol-29")) {
                assertThat(f.wiring.engine().jobs().byResource(resource)).as("jobs of " + resource).hasSize(1);
            }
            assertThat(successfulPerSource(f, "CreateSnapshot", "VolumeId")).hasSize(31).allSatisfy(once());
            assertThat(successfulPerSource(f, "CreateImage", "InstanceId")).hasSize(1).allSatisfy(once());
            assertThat(successfulPerSource(f, "CreateDBSnapshot", "DBInstanceIdentifier")).hasSize(1).allSatisfy(once());
            assertThat(successfulPerSource(f, "CopySnapshot", "SourceSnapshotId")).hasSize(31).allSatisfy(once());
            assertThat(successfulPerSource(f, "CopyImage", "SourceImageId")).hasSize(1).allSatisfy(once());
            assertThat(successfulPerSource(f, "CopyDBSnapshot", "SourceDBSnapshotIdentifier")).hasSize(1)
                    .allSatisfy(once());
            assertThat(both).allSatisfy(daemon -> assertThat(daemon.engine().droppedResults())
                    .as("step results dropped because the other daemon stepped the same job").isZero());
            // one RPO publisher per measuring interval across the two daemons (each round is a new interval, and
            // the simulated clock stands still within a round)
            List<java.time.Instant> published = f.simulator.journal().select(c -> c.action().equals("PutMetricData"))
                    .stream().map(c -> c.at()).toList();
            assertThat(published).as("PutMetricData rounds").isNotEmpty().doesNotHaveDuplicates();
        } finally {
            daemons.shutdownNow();
        }
    }

    /**
     * A daemon busy in one step far longer than the liveness window keeps its job while its heartbeat is renewed; once
     * its heartbeat stops, the other daemon takes the job over after deadAfter — not after a fixed lease.
     */
    @Test
    void aJobStaysWithALiveDaemonAndIsTakenOverOnceItsHeartbeatStops() throws Exception {
        try (ReplicationFixture f = new ReplicationFixture("""
                  - {id: web-data, kind: ebs-volume, resourceId: %2$s, rpoTargetSeconds: 900}
                """, "")) {
            ReplicationJob job = f.wiring.engine().startCycle(Optional.of("web-data")).get(0);
            TestNodes nodes = new TestNodes(f.jdbi);
            String busy = nodes.join("busy-daemon", f.clock.instant());
            assertThat(f.wiring.engine().jobs().claim(job.id(), TestNodes.claimant(busy, f.clock.instant()),
                    f.clock.instant(), java.time.Duration.ofMinutes(5))).isPresent();

            for (int round = 0; round < 10; round++) { // ten minutes of one step, its daemon alive all along
                nodes.beat(busy, f.clock.instant());
                f.beatAll();
                f.wiring.ticker().tick();
                f.clock.advance(ReplicationFixture.STEP);
            }
            assertThat(f.simulator.journal().select(c -> c.action().equals("CreateSnapshot")))
                    .as("nobody steps a job a live daemon holds").isEmpty();
            // the busy daemon dies: its last heartbeat ages past deadAfter (15 s) within the next round
            assertThat(f.runUntil(() -> f.wiring.engine().jobs().active().isEmpty(), 20)).isTrue();
            assertThat(f.simulator.journal().select(c -> c.action().equals("CreateSnapshot"))).hasSize(1);
            assertThat(f.wiring.engine().jobs().byResource("web-data")).singleElement()
                    .satisfies(j -> assertThat(j.step()).isEqualTo(JobStep.DONE));
        }
    }

    /**
     * A job a dead daemon holds is stalled: its resource is not compliant, and says why, until a live daemon takes the
     * job over and finishes it (status and readiness follow the measurement).
     */
    @Test
    void aResourceWhoseJobADeadDaemonHoldsIsNotCompliantUntilTheJobIsTakenOver() throws Exception {
        try (ReplicationFixture f = new ReplicationFixture("""
                  - {id: web-data, kind: ebs-volume, resourceId: %2$s, rpoTargetSeconds: 900}
                """, "")) {
            assertThat(f.runUntil(() -> f.wiring.monitor().latest("web-data") != null
                    && f.wiring.monitor().latest("web-data").compliant(), 20)).isTrue();
            ReplicationJob job = f.wiring.engine().startCycle(Optional.of("web-data")).get(0);
            String ghost = new TestNodes(f.jdbi).join("ghost", f.clock.instant().minusSeconds(60));
            assertThat(f.wiring.engine().jobs().claim(job.id(), TestNodes.claimant(ghost, f.clock.instant()),
                    f.clock.instant(), java.time.Duration.ofMinutes(5))).isPresent();

            RpoMeasurement stalled = f.wiring.monitor().measure().stream()
                    .filter(m -> m.resourceId().equals("web-data")).findFirst().orElseThrow();
            assertThat(stalled.compliant()).isFalse();
            assertThat(stalled.reason()).startsWith("replication stalled: job " + job.id() + " (CREATE_SOURCE) is "
                    + "held by dead daemon ghost (last heartbeat 60.0 s ago");

            assertThat(f.runUntil(() -> f.wiring.engine().jobs().active().isEmpty(), 20)).as("taken over").isTrue();
            f.clock.advance(ReplicationFixture.STEP);
            f.wiring.ticker().tick();
            assertThat(f.wiring.monitor().latest("web-data").compliant()).isTrue();
        }
    }

    /**
     * Issue 12 point 4: the alarm passes follow membership. Two daemons look for the interval's pass at the same
     * moments, four times an interval, for three intervals: the cluster makes one pass per interval (one
     * DescribeAlarms each), and each alarm someone deleted is put back once, not once per daemon.
     */
    @Test
    void twoDaemonsReconcileTheAlarmsOncePerInterval() throws Exception {
        ExecutorService daemons = Executors.newFixedThreadPool(2);
        try (ReplicationFixture f = ReplicationFixture.demo()) {
            List<ReplicationWiring> both = List.of(f.wiring, f.anotherDaemon());
            var cloudWatch = f.clients.cloudWatch(f.wiring.context().drRegion());
            List<String> names = cloudWatch.describeAlarms(r -> r.alarmNamePrefix("drc-")).metricAlarms().stream()
                    .map(a -> a.alarmName()).toList();
            assertThat(names).as("put by the fixture's start").hasSize(f.wiring.context().resources().size());
            cloudWatch.deleteAlarms(r -> r.alarmNames(names));
            Duration every = f.alarmInterval();
            // to the start of the next interval: the loop's intervals are the duty's
            f.clock.advance(every.minusMillis(f.clock.millis() % every.toMillis()));
            long since = f.simulator.journal().lastSeq();

            List<Integer> passesPerInterval = new java.util.ArrayList<>();
            for (int interval = 0; interval < 3; interval++) {
                int passes = 0;
                for (int look = 0; look < AlarmReconciler.LOOKS_PER_INTERVAL; look++) {
                    f.beatAll();
                    passes += reconcileTogether(daemons, both);
                    f.clock.advance(every.dividedBy(AlarmReconciler.LOOKS_PER_INTERVAL));
                }
                passesPerInterval.add(passes);
            }

            assertThat(passesPerInterval).as("passes in each interval, across both daemons").containsExactly(1, 1, 1);
            assertThat(f.simulator.journal().select(c -> c.seq() > since && c.action().equals("DescribeAlarms")))
                    .as("one pass per interval reads the alarms once").hasSize(3);
            assertThat(f.simulator.journal().select(c -> c.seq() > since && c.action().equals("PutMetricAlarm")))
                    .as("each deleted alarm put back once").hasSameSizeAs(names);
            assertThat(cloudWatch.describeAlarms(r -> r.alarmNamePrefix("drc-")).metricAlarms())
                    .extracting(a -> a.alarmName()).containsExactlyInAnyOrderElementsOf(names);
        } finally {
            daemons.shutdownNow();
        }
    }

    /** Both daemons' alarm threads look at the same instant; how many of them made a pass. */
    static int reconcileTogether(ExecutorService daemons, List<ReplicationWiring> both) throws Exception {
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Optional<AlarmReconciler.Pass>>> looks = both.stream().map(d -> daemons.submit(() -> {
            go.await();
            return d.alarms().reconcileIfDue();
        })).collect(Collectors.toList());
        go.countDown();
        int passes = 0;
        for (Future<Optional<AlarmReconciler.Pass>> look : looks) {
            passes += look.get(60, TimeUnit.SECONDS).isPresent() ? 1 : 0;
        }
        return passes;
    }

    /** Both daemons' heartbeats released at the same instant, as two timers on two hosts would be. */
    static void tickTogether(ExecutorService daemons, List<ReplicationWiring> both) throws Exception {
        CountDownLatch go = new CountDownLatch(1);
        List<Future<?>> ticks = both.stream().map(d -> daemons.submit(() -> {
            go.await();
            d.ticker().tick();
            return null;
        })).collect(Collectors.toList());
        go.countDown();
        for (Future<?> tick : ticks) {
            tick.get(60, TimeUnit.SECONDS);
        }
    }

    static Map<String, Long> successfulPerSource(ReplicationFixture f, String action, String sourceParam) {
        return f.simulator.journal().select(c -> c.action().equals(action) && c.status() < 300).stream()
                .collect(Collectors.groupingBy(c -> String.valueOf(c.params().get(sourceParam)), Collectors.counting()));
    }

    static java.util.function.BiConsumer<String, Long> once() {
        return (source, count) -> assertThat(count).as("calls for " + source).isEqualTo(1L);
    }
}
