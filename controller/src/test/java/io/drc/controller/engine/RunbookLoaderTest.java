package io.drc.controller.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.annotation.JsonTypeName;
import io.drc.strategies.engine.ExecutionKind;
import io.drc.strategies.runbook.RunbookException;
import io.drc.strategies.step.StepHandlers;
import io.drc.strategies.strategy.DrStrategy;
import io.drc.strategies.strategy.PilotLightStrategy;
import io.drc.strategies.strategy.RecoveryLayout;
import io.drc.strategies.strategy.StrategyProblem;
import io.drc.strategies.strategy.WarmStandbyStrategy;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which file a strategy's runbook is taken from: the lookup order the README documents. Files only, no daemon. */
class RunbookLoaderTest {
    static final String SUCCEED = "{\"StartAt\": \"Done\", \"States\": {\"Done\": {\"Type\": \"Succeed\"}}}";
    static final DrStrategy PILOT_LIGHT = new PilotLightStrategy(1800);
    static final DrStrategy WARM_STANDBY = new WarmStandbyStrategy(1800);

    @TempDir
    Path dir;

    RunbookCatalog load(DrStrategy... strategies) {
        StepHandlers handlers = EngineHandlers.names(null);
        return RunbookLoader.load(dir, List.of(strategies), r -> EngineHandlers.known(handlers, r));
    }

    @Test
    void anEmptyDirectoryRunsTheSharedFilesPackagedInTheJar() {
        RunbookCatalog catalog = load(WARM_STANDBY);

        RunbookCatalog.Entry failover = catalog.find("warm-standby", ExecutionKind.FAILOVER).orElseThrow();
        assertThat(failover.name()).isEqualTo("promote-and-scale-failover.asl.json");
        assertThat(failover.runbook().source()).isEqualTo("classpath:runbooks/promote-and-scale-failover.asl.json");
        assertThat(catalog.find("warm-standby", ExecutionKind.FAILBACK).orElseThrow().name())
                .isEqualTo("reverse-replication-failback.asl.json");
        assertThat(catalog.find("warm-standby", ExecutionKind.DRILL).orElseThrow().name())
                .isEqualTo("replica-drill.asl.json");
        assertThat(catalog.find("pilot-light", ExecutionKind.FAILOVER)).as("a strategy not loaded").isEmpty();
        assertThat(catalog.strategies()).containsExactly("warm-standby");
    }

    @Test
    void aSharedFileInTheDirectoryWinsOverThePackagedCopy() throws IOException {
        Path shared = write("promote-and-scale-failover.asl.json");

        RunbookCatalog.Entry failover = load(WARM_STANDBY).find("warm-standby", ExecutionKind.FAILOVER).orElseThrow();

        assertThat(failover.name()).isEqualTo("promote-and-scale-failover.asl.json");
        assertThat(failover.runbook().source()).isEqualTo(shared.toString());
    }

    @Test
    void aStrategysOwnFileInTheDirectoryWinsForThatStrategyAlone() throws IOException {
        Path own = write("warm-standby-failover.asl.json");
        write("promote-and-scale-failover.asl.json");

        RunbookCatalog catalog = load(PILOT_LIGHT, WARM_STANDBY);

        RunbookCatalog.Entry warm = catalog.find("warm-standby", ExecutionKind.FAILOVER).orElseThrow();
        assertThat(warm.name()).isEqualTo("warm-standby-failover.asl.json");
        assertThat(warm.runbook().source()).isEqualTo(own.toString());
        RunbookCatalog.Entry pilot = catalog.find("pilot-light", ExecutionKind.FAILOVER).orElseThrow();
        assertThat(pilot.name()).isEqualTo("promote-and-scale-failover.asl.json");
        assertThat(pilot.runbook().source()).isEqualTo(dir.resolve("promote-and-scale-failover.asl.json").toString());
        assertThat(catalog.find("warm-standby", ExecutionKind.FAILBACK).orElseThrow().runbook().source())
                .as("the other kind still from the jar").startsWith("classpath:");
    }

    @Test
    void strategiesThatNameTheSameFileShareOneLoadedRunbook() {
        RunbookCatalog catalog = load(PILOT_LIGHT, WARM_STANDBY);

        assertThat(catalog.find("pilot-light", ExecutionKind.FAILBACK).orElseThrow().runbook())
                .isSameAs(catalog.find("warm-standby", ExecutionKind.FAILBACK).orElseThrow().runbook());
    }

    @Test
    void executionsThatRecordedAStrategysOwnFileNameStillFindTheirRunbook() {
        RunbookCatalog catalog = load(WARM_STANDBY);

        // executions started before strategies shared files recorded e.g. warm-standby-failover.asl.json
        assertThat(catalog.byName("warm-standby-failover.asl.json"))
                .isSameAs(catalog.find("warm-standby", ExecutionKind.FAILOVER).orElseThrow().runbook());
        assertThat(catalog.byName("warm-standby-failback.asl.json"))
                .isSameAs(catalog.byName("reverse-replication-failback.asl.json"));
        assertThatThrownBy(() -> catalog.byName("pilot-light-failover.asl.json"))
                .hasMessageContaining("is not loaded");
    }

    @Test
    void aFileNeitherInTheDirectoryNorInTheJarIsNamedWithWhereItWasLookedFor() {
        assertThatThrownBy(() -> load(new Unshipped(60))).isInstanceOf(RunbookException.class)
                .hasMessageContaining(dir.resolve("unshipped-failover.asl.json")
                        + ": no such file (nor a packaged copy in the jar)");
    }

    private Path write(String name) throws IOException {
        return Files.writeString(dir.resolve(name), SUCCEED);
    }

    /** A strategy whose runbook exists nowhere. */
    @JsonTypeName("unshipped")
    record Unshipped(Integer rtoTargetSeconds) implements DrStrategy {
        @Override
        public Map<ExecutionKind, String> runbooks() {
            return Map.of(ExecutionKind.FAILOVER, "unshipped-failover.asl.json");
        }

        @Override
        public List<StrategyProblem> check(RecoveryLayout recovery) {
            return List.of();
        }
    }
}
