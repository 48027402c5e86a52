package io.drc.controller.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.drc.simulator.core.Timings;
import io.drc.strategies.runbook.Runbook;
import io.drc.strategies.runbook.RunbookParser;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The benchmark's lower bound on the shipped runbooks with the simulator's default durations; pure, no I/O but files. */
class CriticalPathTest {
    @Test
    void parallelBranchesTakeTheLongestAndSequentialWaitsAdd() throws Exception {
        // restore 600 s beats launch 90 s + healthy 150 s; then Route 53 INSYNC 30 s; nothing after recovery counts
        assertThat(bound("backup-restore", false).length()).hasSeconds(630);
        assertThat(bound("backup-restore", false).links()).extracting(CriticalPath.Link::timing)
                .containsExactly("rds.restore", "route53.change.insync");
        // multi-site drains first: INSYNC, then promotion 300 s
        assertThat(bound("multi-site", false).links()).extracting(CriticalPath.Link::timing)
                .containsExactly("route53.change.insync", "rds.promote");
    }

    @Test
    void aModifyCountsOnlyWhenItChangesSomething() throws Exception {
        assertThat(bound("pilot-light", false).length()).hasSeconds(330);
        assertThat(bound("pilot-light", true).links()).extracting(CriticalPath.Link::timing)
                .containsExactly("rds.promote", "rds.modify", "route53.change.insync");
        assertThat(bound("pilot-light", true).length()).hasSeconds(450);
    }

    @Test
    void aRunbookWithoutARecoveryMarkIsRefused() throws Exception {
        Runbook failback = RunbookParser.parse("f", "{\"StartAt\": \"A\", \"States\": {\"A\": {\"Type\": \"Succeed\"}}}");
        assertThatThrownBy(() -> new CriticalPath(new Timings(1.0), task -> true).toRecovered(failback))
                .hasMessageContaining("drc:execution:recovered");
    }

    /** {@code modifies}: whether the runbook's modify would change the database. */
    private static CriticalPath.Chain bound(String strategy, boolean modifies) throws Exception {
        String file = strategy + "-failover.asl.json";
        Runbook runbook = RunbookParser.parse(file, Files.readString(Path.of("..", "runbooks", file)));
        return new CriticalPath(new Timings(1.0), task -> modifies || !task.resource().equals("drc:rds:modify"))
                .toRecovered(runbook);
    }
}
