package io.drc.controller.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code drc check} refuses RPO targets the copy quota cannot meet, naming the numbers and what would do. */
class FeasibilityCheckTest {
    @TempDir
    Path dir;

    @Test
    void aThousandVolumesWithHalfHourTargetsThroughTwentySlotsAreRefusedWithTheNumbers() throws Exception {
        String volumes = IntStream.range(0, 1000).mapToObj(i ->
                "  - {id: vol-%04d, kind: ebs-volume, resourceId: vol-%017d, rpoTargetSeconds: 1800}".formatted(i, i))
                .collect(Collectors.joining("\n"));
        String yaml = CheckCommandTest.baseConfig().replace("replication:\n", volumes + "\nreplication:\n");
        Path file = dir.resolve("drc.yml");
        Files.writeString(file, yaml);

        InProcessDrc drc = InProcessDrc.create();
        assertThat(drc.exitCodeOf("check", file.toString())).isEqualTo(1);
        // 1,001 volumes (the base config's one, target 10 min) × 3 min copies / 20 slots = 150 min a round.
        assertThat(drc.failureMessage()).contains("protect: 1001 EBS volumes × ~3 min copies need 150 min per round "
                + "through 20 slots: targets from 10 min cannot all be met").contains("feasible: targets of at least "
                + "155 min, or ").contains("(fix: raise the RPO targets");
    }

    @Test
    void fasterCopiesMakeTheSameTargetsFeasible() throws Exception {
        String volumes = IntStream.range(0, 1000).mapToObj(i ->
                "  - {id: vol-%04d, kind: ebs-volume, resourceId: vol-%017d, rpoTargetSeconds: 1800}".formatted(i, i))
                .collect(Collectors.joining("\n"));
        String yaml = CheckCommandTest.baseConfig().replace("replication:\n", volumes + "\nreplication:\n"
                + "  expectedDurations: {ebsSnapshot: 10s, ebsCopy: 20s}\n");
        Path file = dir.resolve("drc.yml");
        Files.writeString(file, yaml);

        InProcessDrc drc = InProcessDrc.create();
        assertThat(drc.exitCodeOf("check", file.toString())).as(drc.failureMessage()).isZero();
    }
}
