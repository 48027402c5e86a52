package io.drc.controller.replication;

import static org.assertj.core.api.Assertions.assertThat;

import com.codahale.metrics.MetricRegistry;
import io.drc.controller.testing.StoreAccessRecorder;
import io.drc.simulator.core.FaultRule;
import io.dropwizard.lifecycle.Managed;
import io.dropwizard.lifecycle.setup.LifecycleEnvironment;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.assertj.core.api.SoftAssertions;
import org.eclipse.jetty.util.component.ContainerLifeCycle;
import org.junit.jupiter.api.Test;

/**
 * Issue 13 point 7: a SIGTERM stops replication before the store. The daemon's parts are registered as
 * DrcApplication registers them (the pool first, then the replication workers, then the ticker) and stopped the way
 * Dropwizard stops them, in reverse, while sources are being created: a step in hand finishes and is stored, no step
 * starts after the stop began, and no replication thread uses the store once the pool is closed or while it is
 * interrupted (an interrupted H2 read closes H2's file: "MVStoreException: Reading from file … failed", which the
 * daemon logged at SIGTERM with 10,000 volumes).
 */
class ReplicationShutdownTest {
    /** Each CreateSnapshot answers this late: with 4 workers and 30 volumes a tick lasts about 8 of them. */
    private static final long CALL_MILLIS = 1_500;
    private static final int WORKERS = 4;

    @Test
    void stoppingInDropwizardsOrderMidTickStoresTheStepsInHandAndLeavesTheStoreAlone() throws Exception {
        StoreAccessRecorder store = new StoreAccessRecorder(ReplicationFixture.freshH2());
        try (ReplicationFixture f = new ReplicationFixture((demo, clients) -> QuotaAndRetentionTest.thirtyVolumes(clients),
                "", store)) {
            LifecycleEnvironment lifecycle = new LifecycleEnvironment(new MetricRegistry());
            lifecycle.manage(new Managed() { // JdbiFactory registers the pool before anything else of the daemon's
                @Override
                public void stop() {
                    store.close();
                }
            });
            ExecutorService workers = lifecycle.executorService("replication-worker-%d")
                    .minThreads(WORKERS).maxThreads(WORKERS).build();
            ReplicationWiring daemon = f.daemonWith(workers);
            lifecycle.manage(daemon.ticker());
            ContainerLifeCycle dropwizard = new ContainerLifeCycle(); // Jetty stops its beans in reverse order
            lifecycle.attach(dropwizard);

            assertThat(daemon.engine().startCycle(Optional.empty())).hasSize(30);
            long since = f.simulator.journal().lastSeq();
            f.simulator.faults().add(new FaultRule(null, FaultRule.Kind.DELAY, null, "ec2", "CreateSnapshot", 1.0,
                    CALL_MILLIS, null));
            dropwizard.start();
            awaitTrue(() -> f.simulator.faults().injectedCount() >= WORKERS, "every worker in a CreateSnapshot");
            dropwizard.stop();
            boolean idleAtClose = workers.isTerminated();
            // what was left running shows itself: a step abandoned then uses the store after the pool closed
            workers.awaitTermination(60, TimeUnit.SECONDS);

            long served = f.simulator.journal().select(c -> c.seq() > since && c.action().equals("CreateSnapshot")
                    && c.status() < 300).size();
            List<ReplicationJob> jobs = daemon.engine().jobs().active();
            SoftAssertions.assertSoftly(softly -> {
                softly.assertThat(store.misuses().stream().filter(m -> m.thread().startsWith("replication-"))
                                .map(m -> m.thread().replaceAll("\\d+$", "N") + ": " + m.why()).distinct())
                        .as("replication threads using the store after the pool closed or while interrupted")
                        .isEmpty();
                softly.assertThat(idleAtClose).as("replication workers idle when the pool closes")
                        .isTrue();
                softly.assertThat(jobs.stream().filter(j -> j.sourceId() != null))
                        .as("each snapshot created before the pool closed is stored in its job").hasSize((int) served);
                softly.assertThat(served).as("the steps in hand finished; the queued ones did not start")
                        .isBetween((long) WORKERS, 29L);
                softly.assertThat(jobs).as("a step not begun stays due in the store").hasSize(30)
                        .allSatisfy(j -> assertThat(j.step()).isIn(JobStep.CREATE_SOURCE, JobStep.AWAIT_SOURCE));
            });
        }
    }

    /** Polls with a deadline: the ticker and its workers run on their own threads. */
    private static void awaitTrue(BooleanSupplier condition, String what) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (!condition.getAsBoolean()) {
            assertThat(Instant.now()).as(what + " within 60 s").isBefore(deadline);
            Thread.sleep(10);
        }
    }
}
