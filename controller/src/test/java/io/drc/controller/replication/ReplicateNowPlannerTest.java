package io.drc.controller.replication;

import static org.assertj.core.api.Assertions.assertThat;

import io.drc.controller.api.ReplicationRunPlan;
import io.drc.controller.core.ResourceKind;
import io.drc.simulator.core.Journal;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The dry run of "replicate now" against the simulator: it starts nothing, calls nothing that changes AWS, and the
 * deletions it forecasts are exactly the ones retention then makes when the real cycle runs.
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
}
