package io.drc.controller.rto;

import static org.assertj.core.api.Assertions.assertThat;

import io.drc.controller.engine.StepRecord;
import io.drc.controller.engine.StepStatus;
import io.drc.strategies.runbook.Runbook;
import io.drc.strategies.runbook.RunbookParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The predicted RTO from a drill's step durations on the shipped runbooks; pure, no I/O but files. */
class PredictedRtoTest {
    static final Instant T0 = Instant.parse("2026-03-01T00:00:00Z");

    /** Replica drill: snapshot 60 s, restore 600 s ∥ launch 90 s, healthy 150 s; RTO 700 s → 40 s overhead. */
    static final List<StepRecord> REPLICA_DRILL = steps(Map.of("SnapshotDrReplica", 0, "AwaitDrillSnapshot", 60,
            "RestoreDrillDatabase", 0, "AwaitDrillDatabase", 600, "CreateDrillWebTier", 0, "AwaitDrillInService", 90,
            "AwaitDrillHealthy", 150));

    @Test
    void aDrillsWaitsAreReadAsOperationDurations() throws Exception {
        assertThat(PredictedRto.measured(runbook("replica-drill"), REPLICA_DRILL)).containsOnlyKeys(
                "rds.snapshot.create", "rds.restore", "autoscaling.instance.launch", "elbv2.target.healthy");
        assertThat(PredictedRto.measured(runbook("replica-drill"), REPLICA_DRILL).get("rds.restore")).hasSeconds(600);
    }

    @Test
    void theRestoreStandsInForThePromotionPlusTheReplicaLagAndUnrehearsedDnsTakesRoute53s60Seconds() throws Exception {
        PredictedRto.Prediction prediction = PredictedRto.predict(runbook("promote-and-scale-failover"),
                runbook("replica-drill"), REPLICA_DRILL, 700, new PredictedRto.LiveState(2.5, false));
        // promote = restore 600 + lag 2.5, modify 0 (in the restore), INSYNC 60, overhead 700 - 660 = 40
        assertThat(prediction.seconds()).isEqualTo(702.5);
        assertThat(prediction.path()).hasSize(4);
        assertThat(prediction.path().get(0)).contains("rds.promote 602.5 s").contains("replica lag 2.5 s");
        assertThat(prediction.path().get(2)).contains("route53.change.insync 60.0 s").contains("not rehearsed");
        assertThat(prediction.path().get(3)).startsWith("overhead 40.0 s");
    }

    @Test
    void aWebTierAtFullLoadNowWaitsForNothing() throws Exception {
        List<StepRecord> slowWeb = steps(Map.of("AwaitDrillSnapshot", 60, "AwaitDrillDatabase", 100,
                "AwaitDrillInService", 300, "AwaitDrillHealthy", 200));
        Runbook failover = runbook("multi-site-failover");
        // web tier 500 s beats the database 100 s, unless the DR groups already run at full load; drain INSYNC first
        assertThat(PredictedRto.predict(failover, runbook("replica-drill"), slowWeb, 500,
                new PredictedRto.LiveState(null, false)).seconds()).isEqualTo(60 + 500);
        PredictedRto.Prediction atFullLoad = PredictedRto.predict(failover, runbook("replica-drill"), slowWeb, 500,
                new PredictedRto.LiveState(null, true));
        assertThat(atFullLoad.seconds()).isEqualTo(60 + 100);
        assertThat(atFullLoad.path().get(1)).contains("replica lag not measured");
    }

    @Test
    void aBackupRestoreFailoverTakesTheDrillsRestoreAndDnsMeasuredWhenTheDrillHadARecord() throws Exception {
        List<StepRecord> drill = new ArrayList<>(steps(Map.of("AwaitDrillDatabase", 300, "AwaitDrillInService", 90,
                "AwaitDrillHealthy", 150)));
        PredictedRto.Prediction prediction = PredictedRto.predict(runbook("backup-restore-failover"),
                runbook("backup-restore-drill"), drill, 310, new PredictedRto.LiveState(null, false));
        assertThat(prediction.seconds()).isEqualTo(300 + 60 + 10);
        assertThat(prediction.path().get(0)).contains("rds.restore 300.0 s (measured by the drill)");
    }

    static List<StepRecord> steps(Map<String, Integer> secondsByState) {
        List<StepRecord> steps = new ArrayList<>();
        secondsByState.forEach((name, seconds) -> steps.add(new StepRecord(name, name, "drc:x", StepStatus.SUCCEEDED,
                T0, T0.plusSeconds(seconds), 1, null, null, null)));
        return steps;
    }

    static Runbook runbook(String name) throws Exception {
        String file = name + ".asl.json";
        return RunbookParser.parse(file, Files.readString(Path.of("..", "runbooks", file)));
    }
}
