package io.drc.strategies.strategy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.drc.strategies.engine.ExecutionKind;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The strategies as objects: names, runbooks, configuration rules; pure, no I/O but the shipped files. */
class DrStrategyTest {
    static final List<DrStrategy> ALL = List.of(new BackupRestoreStrategy(1800), new PilotLightStrategy(1800),
            new WarmStandbyStrategy(1800), new MultiSiteStrategy(1800));

    static DrStrategy named(String type) {
        return ALL.stream().filter(s -> s.typeName().equals(type)).findFirst().orElseThrow();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            // type,        failover,                            fail-back,                             drill
            "backup-restore, backup-restore-failover.asl.json,     backup-restore-failback.asl.json,      backup-restore-drill.asl.json",
            "pilot-light,    promote-and-scale-failover.asl.json,  reverse-replication-failback.asl.json, replica-drill.asl.json",
            "warm-standby,   promote-and-scale-failover.asl.json,  reverse-replication-failback.asl.json, replica-drill.asl.json",
            "multi-site,     multi-site-failover.asl.json,         reverse-replication-failback.asl.json, replica-drill.asl.json"})
    void runbooksByKind(String type, String failover, String failback, String drill) {
        assertThat(named(type).runbooks()).containsOnly(Map.entry(ExecutionKind.FAILOVER, failover),
                Map.entry(ExecutionKind.FAILBACK, failback), Map.entry(ExecutionKind.DRILL, drill));
    }

    @Test
    void theShippedRunbooksAreExactlyTheOnesTheStrategiesName() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("..", "runbooks"))) {
            assertThat(files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".asl.json")))
                    .containsExactlyInAnyOrderElementsOf(ALL.stream().flatMap(s -> s.runbooks().values().stream())
                            .collect(Collectors.toSet()));
        }
    }

    @Test
    void configurationChoosesAStrategyByTypeNameFromTheServicesList() throws Exception {
        List<Class<?>> listed = listedStrategies();
        assertThat(listed).containsExactlyInAnyOrderElementsOf(ALL.stream().map(Object::getClass).toList());
        ObjectMapper json = new ObjectMapper();
        json.registerSubtypes(listed.toArray(Class<?>[]::new));
        for (DrStrategy strategy : ALL) {
            assertThat(json.readValue("{\"type\": \"" + strategy.typeName() + "\", \"rtoTargetSeconds\": 900}",
                    DrStrategy.class)).isEqualTo(strategy.getClass().getConstructor(Integer.class).newInstance(900));
        }
    }

    /** What Dropwizard's subtype resolver reads: the implementations listed for {@link DrStrategy}. */
    private static List<Class<?>> listedStrategies() throws IOException, ClassNotFoundException {
        try (InputStream in = DrStrategy.class.getClassLoader()
                .getResourceAsStream("META-INF/services/" + DrStrategy.class.getName())) {
            assertThat(in).as("the services list").isNotNull();
            List<Class<?>> classes = new ArrayList<>();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    classes.add(Class.forName(line.trim()));
                }
            }
            return classes;
        }
    }

    /**
     * Weights and DR standby sizes as configured ("-": not set; standby sizes separated by ';', "none": no groups);
     * expected: each problem's path after {@code recovery.regions.} and the start of its message, '|' between them.
     */
    @ParameterizedTest(name = "{0} weights {1}/{2} DR standby {3}")
    @CsvSource({
            "pilot-light,    100, -,  0,    ''",
            "pilot-light,    100, 0,  0,    ''",
            "pilot-light,    100, 50, 0,    'dr-1.normalWeight: the DR region of pilot-light serves no traffic until a "
                    + "failover, got 50'",
            "backup-restore, 100, 50, none, 'dr-1.normalWeight: the DR region of backup-restore serves no traffic'",
            "warm-standby,   100, -,  1;0,  ''",
            "warm-standby,   100, -,  none, ''",
            "warm-standby,   100, -,  0;0,  'dr-1.autoScalingGroups: warm-standby keeps a scaled-down copy running in "
                    + "the DR region, but every group''s standby is 0'",
            "warm-standby,   100, 50, 0,    'dr-1.normalWeight: the DR region of warm-standby serves no traffic"
                    + "|dr-1.autoScalingGroups: warm-standby keeps'",
            "multi-site,     50,  50, 4,    ''",
            "multi-site,     50,  -,  4,    'dr-1.normalWeight: multi-site needs the share of traffic this region serves "
                    + "normally, got null'",
            "multi-site,     0,   0,  4,    'home-1.normalWeight: multi-site needs the share of traffic this region "
                    + "serves normally, got 0|dr-1.normalWeight: multi-site needs the share'"})
    void configurationRules(String type, String primaryWeight, String drWeight, String drStandby, String expected) {
        Map<String, RecoveryLayout.Region> regions = new HashMap<>();
        regions.put("home-1", new RecoveryLayout.Region(weight(primaryWeight), List.of(group(4))));
        regions.put("dr-1", new RecoveryLayout.Region(weight(drWeight), drStandby.equals("none") ? List.of()
                : Arrays.stream(drStandby.split(";")).map(s -> group(Integer.parseInt(s))).toList()));

        List<StrategyProblem> problems = named(type).check(new RecoveryLayout("home-1", "dr-1", regions));

        List<String> expectedProblems = expected.isEmpty() ? List.of() : List.of(expected.split("\\|"));
        assertThat(problems).hasSameSizeAs(expectedProblems);
        for (int i = 0; i < problems.size(); i++) {
            assertThat(problems.get(i).path() + ": " + problems.get(i).message())
                    .startsWith("recovery.regions." + expectedProblems.get(i));
            assertThat(problems.get(i).hint()).isNotBlank();
        }
    }

    @Test
    void aRegionWithoutAnEntryIsLeftToTheOtherChecks() {
        RecoveryLayout onlyHome = new RecoveryLayout("home-1", "dr-1",
                Map.of("home-1", new RecoveryLayout.Region(50, List.of())));
        for (DrStrategy strategy : ALL) {
            assertThat(strategy.check(onlyHome)).as(strategy.typeName()).isEmpty();
        }
    }

    private static Integer weight(String configured) {
        return configured.equals("-") ? null : Integer.valueOf(configured);
    }

    private static RecoveryLayout.Group group(int standby) {
        return new RecoveryLayout.Group("web", standby, 4, 8);
    }
}
