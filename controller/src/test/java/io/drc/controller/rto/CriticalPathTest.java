package io.drc.controller.rto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.drc.simulator.core.Timings;
import io.drc.strategies.engine.ExecutionKind;
import io.drc.strategies.runbook.Runbook;
import io.drc.strategies.runbook.RunbookParser;
import io.drc.strategies.strategy.BackupRestoreStrategy;
import io.drc.strategies.strategy.DrStrategy;
import io.drc.strategies.strategy.MultiSiteStrategy;
import io.drc.strategies.strategy.PilotLightStrategy;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The benchmark's lower bound on the shipped runbooks with the simulator's default durations; pure, no I/O but files. */
class CriticalPathTest {
    static final DrStrategy BACKUP_RESTORE = new BackupRestoreStrategy(1800);
    static final DrStrategy MULTI_SITE = new MultiSiteStrategy(1800);
    static final DrStrategy PILOT_LIGHT = new PilotLightStrategy(1800);

    @Test
    void parallelBranchesTakeTheLongestAndSequentialWaitsAdd() throws Exception {
        // restore 600 s beats launch 90 s + healthy 150 s; then Route 53 INSYNC 30 s; nothing after recovery counts
        assertThat(bound(BACKUP_RESTORE, false).length()).hasSeconds(630);
        assertThat(bound(BACKUP_RESTORE, false).links()).extracting(CriticalPath.Link::operation)
                .containsExactly("rds.restore", "route53.change.insync");
        // multi-site drains first: INSYNC, then promotion 300 s
        assertThat(bound(MULTI_SITE, false).links()).extracting(CriticalPath.Link::operation)
                .containsExactly("route53.change.insync", "rds.promote");
    }

    @Test
    void aModifyCountsOnlyWhenItChangesSomething() throws Exception {
        assertThat(bound(PILOT_LIGHT, false).length()).hasSeconds(330);
        assertThat(bound(PILOT_LIGHT, true).links()).extracting(CriticalPath.Link::operation)
                .containsExactly("rds.promote", "rds.modify", "route53.change.insync");
        assertThat(bound(PILOT_LIGHT, true).length()).hasSeconds(450);
    }

    @Test
    void aRunbookWithoutARecoveryMarkIsRefused() throws Exception {
        Runbook failback = RunbookParser.parse("f", "{\"StartAt\": \"A\", \"States\": {\"A\": {\"Type\": \"Succeed\"}}}");
        assertThatThrownBy(() -> new CriticalPath(new Timings(1.0)::of, task -> true).toRecovered(failback))
                .hasMessageContaining("drc:execution:recovered");
    }

    /** The strategy's failover; {@code modifies}: whether the runbook's modify would change the database. */
    private static CriticalPath.Chain bound(DrStrategy strategy, boolean modifies) throws Exception {
        String file = strategy.runbooks().get(ExecutionKind.FAILOVER);
        Runbook runbook = RunbookParser.parse(file, Files.readString(Path.of("..", "runbooks", file)));
        return new CriticalPath(new Timings(1.0)::of, task -> modifies || !task.resource().equals("drc:rds:modify"))
                .toRecovered(runbook);
    }
}
