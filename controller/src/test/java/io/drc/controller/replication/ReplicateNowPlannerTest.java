package io.drc.controller.replication;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.drc.controller.api.ReplicationRunPlan;
import io.drc.controller.core.ResourceKind;
import io.drc.simulator.core.Journal;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.ec2.model.BlockDeviceMapping;
import software.amazon.awssdk.services.ec2.model.Snapshot;

/**
 * The dry run of "replicate now" against the simulator: it starts nothing, calls nothing that changes AWS, and the
 * deletions it forecasts are exactly the ones retention then makes when the real cycle runs, an AMI's snapshots
 * included.
 */
class ReplicateNowPlannerTest {
    ReplicationFixture f;

    @AfterEach
    void stop() {
        if (f != null) {
            f.close();
        }
    }

    @Test
    void thePlanNamesTheCopyAndEveryDeletionRetentionThenMakes() throws Exception {
        f = new ReplicationFixture("""
                  - {id: web-data, kind: ebs-volume, resourceId: %2$s, rpoTargetSeconds: 900, retention: {keepLast: 2}}
                  - {id: shop-db-replica, kind: rds-replica, resourceId: shop-db-replica, rpoTargetSeconds: 60}
                """, "");
        for (int cycle = 0; cycle < 2; cycle++) {
            f.wiring.engine().startCycle(Optional.of("web-data"));
            assertThat(f.runUntil(() -> f.wiring.engine().jobs().active().isEmpty(), 200)).isTrue();
            f.clock.advance(Duration.ofMinutes(15));
        }
        ReplicateNowPlanner planner = new ReplicateNowPlanner(f.wiring.context(), f.wiring.engine().jobs(), f.catalog,
                f.clock);
        long seq = f.simulator.journal().lastSeq();

        ReplicationRunPlan plan = planner.plan(Optional.empty());

        assertThat(f.simulator.journal().since(seq)).noneMatch(Journal.Call::mutating);
        assertThat(f.wiring.engine().jobs().active()).isEmpty();
        assertThat(plan.alreadyInFlight()).isEmpty();
        assertThat(plan.copies()).singleElement().satisfies(copy -> {   // a read replica has no copies
            assertThat(copy.resource()).isEqualTo("web-data");
            assertThat(copy.kind()).isEqualTo(ResourceKind.EBS_VOLUME);
            assertThat(copy.calls()).containsExactly("ec2:CreateSnapshot in us-east-1", "ec2:CopySnapshot to us-west-2");
            assertThat(copy.retentionDeletes()).extracting(ReplicationRunPlan.PlannedDeletion::region)
                    .containsExactlyInAnyOrder("us-east-1", "us-west-2");
        });
        List<String> forecast = plan.copies().get(0).retentionDeletes().stream()
                .map(ReplicationRunPlan.PlannedDeletion::id).toList();

        long before = f.simulator.journal().lastSeq();
        f.wiring.engine().startCycle(Optional.of("web-data"));
        assertThat(f.runUntil(() -> f.wiring.engine().jobs().active().isEmpty(), 200)).isTrue();
        assertThat(f.simulator.journal().since(before)).filteredOn(c -> c.action().equals("DeleteSnapshot"))
                .extracting(c -> c.params().get("SnapshotId")).containsExactlyInAnyOrderElementsOf(forecast);

        f.wiring.engine().startCycle(Optional.of("web-data"));
        assertThat(planner.plan(Optional.of("web-data")).alreadyInFlight()).containsExactly("web-data");
    }

    /**
     * An AMI goes with its snapshots (DeregisterImage with DeleteAssociatedSnapshots): the dry run names each one,
     * from the store alone, and the real cycle then deletes exactly those in each region and logs them.
     */
    @Test
    void theDryRunNamesEverySnapshotThatGoesWithAnAmiAndExactlyThoseGo() throws Exception {
        f = new ReplicationFixture("""
                  - {id: web, kind: ec2-instance, resourceId: %1$s, rpoTargetSeconds: 900, retention: {keepLast: 2}}
                """, "");
        for (int cycle = 0; cycle < 2; cycle++) {
            f.wiring.engine().startCycle(Optional.of("web"));
            assertThat(f.runUntil(() -> f.wiring.engine().jobs().active().isEmpty(), 200)).isTrue();
            f.clock.advance(Duration.ofMinutes(15));
        }
        ReplicateNowPlanner planner = new ReplicateNowPlanner(f.wiring.context(), f.wiring.engine().jobs(), f.catalog,
                f.clock);
        long seq = f.simulator.journal().lastSeq();

        ReplicationRunPlan plan = planner.plan(Optional.of("web"));

        assertThat(f.simulator.journal().since(seq)).as("the plan reads the store only").isEmpty();
        List<ReplicationRunPlan.PlannedDeletion> deletes = plan.copies().get(0).retentionDeletes();
        assertThat(deletes).extracting(ReplicationRunPlan.PlannedDeletion::region)
                .containsExactlyInAnyOrder("us-east-1", "us-west-2");
        for (ReplicationRunPlan.PlannedDeletion d : deletes) {
            assertThat(d.id()).startsWith("ami-");
            assertThat(d.alsoDeletesUnknown()).isFalse();
            // what AWS itself says the image's snapshots are, and that they exist until the real run
            assertThat(d.alsoDeletes()).isNotEmpty().containsExactlyInAnyOrderElementsOf(snapshotsOfImage(d.region(),
                    d.id()));
            assertThat(snapshots(d.region())).containsAll(d.alsoDeletes());
        }
        Set<String> drBefore = snapshots("us-west-2");
        Set<String> primaryBefore = snapshots("us-east-1");

        ListAppender<ILoggingEvent> retentionLog = listen(RetentionPruner.class);
        try {
            long before = f.simulator.journal().lastSeq();
            f.wiring.engine().startCycle(Optional.of("web"));
            assertThat(f.runUntil(() -> f.wiring.engine().jobs().active().isEmpty(), 200)).isTrue();

            assertThat(f.simulator.journal().since(before)).filteredOn(c -> c.action().equals("DeregisterImage"))
                    .extracting(c -> c.params().get("ImageId"))
                    .containsExactlyInAnyOrderElementsOf(deletes.stream().map(ReplicationRunPlan.PlannedDeletion::id)
                            .toList());
            Set<String> goneInDr = new HashSet<>(drBefore);
            goneInDr.removeAll(snapshots("us-west-2"));
            assertThat(goneInDr).as("snapshots gone from DR (DescribeSnapshots)")
                    .containsExactlyInAnyOrderElementsOf(forecast(deletes, "us-west-2"));
            Set<String> goneInPrimary = new HashSet<>(primaryBefore);
            goneInPrimary.removeAll(snapshots("us-east-1"));
            assertThat(goneInPrimary).as("snapshots gone from the primary region")
                    .containsExactlyInAnyOrderElementsOf(forecast(deletes, "us-east-1"));
            for (ReplicationRunPlan.PlannedDeletion d : deletes) {
                assertThat(retentionLog.list).map(ILoggingEvent::getFormattedMessage)
                        .anySatisfy(line -> assertThat(line).contains("deleted " + d.id() + " in " + d.region())
                                .contains("with its snapshots " + String.join(", ", d.alsoDeletes())));
            }
        } finally {
            ((Logger) LoggerFactory.getLogger(RetentionPruner.class)).detachAppender(retentionLog);
        }
    }

    /**
     * A point recorded before drc kept an AMI's snapshots: the plan says they are unknown (never "none"), until the
     * catalog reconciliation reads the image again and records them.
     */
    @Test
    void anAmiWhoseSnapshotsWereNeverRecordedIsPlannedWithThemUnknownUntilReconciled() throws Exception {
        f = new ReplicationFixture("""
                  - {id: web, kind: ec2-instance, resourceId: %1$s, rpoTargetSeconds: 900, retention: {keepLast: 1}}
                """, "");
        f.wiring.engine().startCycle(Optional.of("web"));
        assertThat(f.runUntil(() -> f.wiring.engine().jobs().active().isEmpty(), 200)).isTrue();
        // as the rows of a store migrated from before V14 are
        f.jdbi.useHandle(h -> h.execute("UPDATE recovery_points SET associated_snapshots = NULL"));
        ReplicateNowPlanner planner = new ReplicateNowPlanner(f.wiring.context(), f.wiring.engine().jobs(), f.catalog,
                f.clock);

        List<ReplicationRunPlan.PlannedDeletion> unknown = planner.plan(Optional.of("web")).copies().get(0)
                .retentionDeletes();

        assertThat(unknown).hasSize(2).allSatisfy(d -> {
            assertThat(d.alsoDeletesUnknown()).isTrue();
            assertThat(d.alsoDeletes()).isEmpty();
        });

        f.wiring.reconciler().reconcile();
        List<ReplicationRunPlan.PlannedDeletion> known = planner.plan(Optional.of("web")).copies().get(0)
                .retentionDeletes();

        assertThat(known).hasSize(2).allSatisfy(d -> {
            assertThat(d.alsoDeletesUnknown()).isFalse();
            assertThat(d.alsoDeletes()).isNotEmpty()
                    .containsExactlyInAnyOrderElementsOf(snapshotsOfImage(d.region(), d.id()));
        });
    }

    private static List<String> forecast(List<ReplicationRunPlan.PlannedDeletion> deletes, String region) {
        return deletes.stream().filter(d -> d.region().equals(region)).flatMap(d -> d.alsoDeletes().stream()).toList();
    }

    /** Every snapshot the account owns in the region, as DescribeSnapshots lists them. */
    private Set<String> snapshots(String region) {
        return f.clients.ec2(region).describeSnapshotsPaginator(r -> r.ownerIds("self")).snapshots().stream()
                .map(Snapshot::snapshotId).collect(Collectors.toSet());
    }

    private List<String> snapshotsOfImage(String region, String imageId) {
        return f.clients.ec2(region).describeImages(r -> r.imageIds(imageId)).images().get(0).blockDeviceMappings()
                .stream().map(BlockDeviceMapping::ebs).map(ebs -> ebs.snapshotId()).toList();
    }

    /** Collects what {@code type} logs at INFO and above from now on. */
    private static ListAppender<ILoggingEvent> listen(Class<?> type) {
        Logger logger = (Logger) LoggerFactory.getLogger(type);
        logger.setLevel(Level.INFO);
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        logger.addAppender(appender);
        return appender;
    }
}
