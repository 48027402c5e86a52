package io.drc.controller.replication;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Pure: what retention's log line says went with a deleted point. ReplicateNowPlannerTest checks the line of a real
 * AMI deletion against the simulator.
 */
class RetentionPrunerTest {

    @Test
    void theLogNamesAnAmisSnapshotsAndThoseAwsKept() {
        assertThat(RetentionPruner.withIt(KindReplicator.Deleted.ALONE)).isEmpty();
        assertThat(RetentionPruner.withIt(new KindReplicator.Deleted(List.of("snap-1", "snap-2"), List.of())))
                .isEqualTo(" with its snapshots snap-1, snap-2");
        assertThat(RetentionPruner.withIt(new KindReplicator.Deleted(List.of("snap-1"), List.of("snap-9"))))
                .isEqualTo(" with its snapshots snap-1; AWS kept snap-9 (used by another AMI)");
        assertThat(RetentionPruner.withIt(new KindReplicator.Deleted(List.of(), List.of("snap-9"))))
                .isEqualTo("; AWS kept snap-9 (used by another AMI)");
    }
}
