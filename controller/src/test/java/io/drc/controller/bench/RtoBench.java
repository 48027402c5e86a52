package io.drc.controller.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.drc.controller.rto.CriticalPath;
import io.drc.controller.config.EngineConfig;
import io.drc.controller.core.AwsSettingsMapper;
import io.drc.controller.engine.BackupRestoreDemo;
import io.drc.controller.engine.DaemonOnSimulator;
import io.drc.controller.engine.SteadyStates;
import io.drc.controller.engine.RecoveryInputs;
import io.drc.controller.engine.RunbookLoader;
import io.drc.simulator.core.Journal;
import io.drc.strategies.aws.AwsClients;
import io.drc.strategies.engine.ExecutionKind;
import io.drc.strategies.handlers.ModifyDatabaseHandler;
import io.drc.strategies.runbook.DataPaths;
import io.drc.strategies.runbook.Runbook;
import io.drc.strategies.runbook.State;
import io.drc.strategies.step.StepContext;
import io.dropwizard.testing.ConfigOverride;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Not a test: for each strategy, a demo-seeded simulator (default durations, manual clock) and a daemon running the
 * shipped failover runbook; prints the achieved RTO (the execution's rtoSeconds, simulated time), the critical-path
 * lower bound ({@link CriticalPath}), their ratio, and the AWS calls the execution made (simulator journal; the
 * daemon's reachability probes apart).
 * Simulated time moves as a runner polling every {@code engine.pollInterval} would see it ({@link DueWorkClock}).
 * For backup-restore a first daemon replicates until every resource is compliant and the DR launch template launches
 * the newest AMI (its steady state), then a daemon without
 * replication runs the failover, so that only the failover is measured.
 * Run: {@code mvn -B -q -Pbench -pl controller -am test-compile -Dbench.skipReplication=true} (README).
 */
public final class RtoBench {
    static final List<String> STRATEGIES = List.of("backup-restore", "pilot-light", "warm-standby", "multi-site");
    static final Path RUNBOOKS = Path.of("..", "runbooks").toAbsolutePath().normalize();
    static final Duration RUNNER_TICK = Duration.ofMillis(EngineConfig.defaults().pollInterval().toMilliseconds());

    /**
     * The simulator's default durations (AWS's order of magnitude, multiples of the handlers' poll intervals) and
     * the demo's 0.05 (config/demo.yml), where durations fall between polls and polling shows.
     */
    static final List<Double> TIME_SCALES = List.of(1.0, 0.05);

    /** What {@code AwsReachability} calls in each region (health checks, not the execution's calls). */
    static final String REACHABILITY_PROBE = "DescribeAvailabilityZones";

    record Row(String strategy, double rtoSeconds, CriticalPath.Chain bound, long calls, List<String> mutating,
               DueWorkClock.Run run) { }

    public static void main(String[] args) throws Exception {
        ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME))
                .setLevel(ch.qos.logback.classic.Level.WARN);
        List<String> strategies = args.length > 0 ? List.of(args) : STRATEGIES;
        StringBuilder report = new StringBuilder();
        for (double scale : TIME_SCALES) {
            List<Row> rows = new ArrayList<>();
            for (String strategy : strategies) {
                rows.add(measure(strategy, scale));
            }
            report.append(table(scale, rows));
        }
        System.out.println();
        System.out.println("RTO benchmark: the shipped failover runbooks against the demo-seeded simulator, in simulated time;"
                + " databases as in config/demo.yml (the serving one Multi-AZ), warm standby with one DR web instance, multi-site serving 50/50 with both web tiers at 4.");
        System.out.println("Polling: runner tick " + RUNNER_TICK.toMillis() + " ms (engine.pollInterval default); step"
                + " handler polls: awaitInService 5 s, awaitHealthy 5 s, awaitInsync 5 s, rds:awaitAvailable 10 s,"
                + " rds:awaitSnapshot 30 s.");
        System.out.print(report);
    }

    static Row measure(String strategy, double timeScale) throws Exception {
        try (DaemonOnSimulator drc = new DaemonOnSimulator(timeScale)) {
            ConfigOverride[] config = prepare(drc, strategy);
            drc.startDaemon(config);
            Runbook runbook = RunbookLoader.load(RUNBOOKS, List.of(drc.configuration().getStrategy()), r -> true)
                    .find(strategy, ExecutionKind.FAILOVER).orElseThrow().runbook();
            JsonNode input = DaemonOnSimulator.JSON.valueToTree(
                    RecoveryInputs.build(drc.configuration(), ExecutionKind.FAILOVER));
            CriticalPath.Chain bound;
            try (AwsClients aws = new AwsClients(AwsSettingsMapper.toSettings(drc.configuration().getAws()))) {
                bound = new CriticalPath(drc.simulator.world().timings()::of, task -> changes(task, input, aws))
                        .toRecovered(runbook);
            }
            long fromSeq = drc.simulator.journal().lastSeq();
            String id = DaemonOnSimulator.body(drc.post("/api/v1/failovers",
                    "{\"confirm\": \"us-west-2\", \"reason\": \"RTO benchmark\"}")).get("id").asText();
            DueWorkClock.Run run = new DueWorkClock(drc.simulator.manualClock(), drc.databaseUrl, RUNNER_TICK).runToEnd(id);
            JsonNode done = drc.execution(id);
            if (!done.get("status").asText().equals("SUCCEEDED")) {
                throw new IllegalStateException(strategy + " failover did not succeed: " + done.toPrettyString());
            }
            drc.awaitCall("PutMetricData", fromSeq); // the RTO metric, published as the execution records recovery
            // the daemon's AWS reachability probes run every 30 s of wall time, whatever the execution does
            List<Journal.Call> calls = drc.simulator.journal().since(fromSeq).stream()
                    .filter(c -> !c.action().equals(REACHABILITY_PROBE)).toList();
            return new Row(strategy, done.get("rtoSeconds").asDouble(), bound, calls.size(),
                    calls.stream().filter(Journal.Call::mutating).map(Journal.Call::action).toList(), run);
        }
    }

    /**
     * Whether a Task that starts an operation would start it: the modify after a promotion asks the handler's own
     * dry-run plan (read-only) whether the database needs a change; every other start Task starts its operation.
     */
    static boolean changes(State.Task task, JsonNode input, AwsClients aws) {
        if (!task.resource().equals("drc:rds:modify")) {
            return true;
        }
        JsonNode parameters = DataPaths.resolve(task.parameters(), input, JsonNodeFactory.instance.objectNode());
        Instant now = Instant.now();
        return !new ModifyDatabaseHandler(aws).plan(new StepContext("bench", task.name(), parameters, null, 1, now, now))
                .isEmpty();
    }

    /**
     * The daemon's configuration: config/demo.yml's database settings (the DR database Multi-AZ once it serves);
     * multi-site serving from both regions; for backup-restore, first the DR recovery points (not measured).
     */
    static ConfigOverride[] prepare(DaemonOnSimulator drc, String strategy) throws Exception {
        List<ConfigOverride> config = new ArrayList<>(List.of(
                ConfigOverride.config("engine.runbooks", RUNBOOKS.toString()),
                ConfigOverride.config("strategy.type", strategy),
                ConfigOverride.config("recovery.regions.us-west-2.database.instanceClass", "db.r6g.large"),
                ConfigOverride.config("recovery.regions.us-west-2.database.multiAz", "true"),
                ConfigOverride.config("recovery.regions.us-east-1.database.instanceClass", "db.r6g.large"),
                ConfigOverride.config("recovery.regions.us-east-1.database.multiAz", "true")));
        config.addAll(SteadyStates.prepare(drc, strategy));
        ConfigOverride[] overrides = config.toArray(ConfigOverride[]::new);
        if (!strategy.equals("backup-restore")) {
            return overrides;
        }
        BackupRestoreDemo.removeDrReplica(drc);
        drc.withReplication(true).startDaemon(BackupRestoreDemo.overrides(overrides));
        BackupRestoreDemo.awaitRecoveryPoints(drc);
        BackupRestoreDemo.awaitLaunchTemplatePointed(drc);
        drc.stopDaemon();
        drc.withReplication(false);
        return BackupRestoreDemo.overrides(overrides);
    }

    static String table(double timeScale, List<Row> rows) {
        StringBuilder out = new StringBuilder(String.format("%nsimulator timeScale %s:%n", timeScale));
        out.append(String.format("%-15s %8s %14s %7s %10s %9s %12s %14s%n", "strategy", "RTO s", "lower bound s",
                "ratio", "AWS calls", "mutating", "clock jumps", "engine wall s"));
        for (Row r : rows) {
            double bound = r.bound().length().toMillis() / 1000.0;
            out.append(String.format("%-15s %8.1f %14.1f %7.3f %10d %9d %12d %14.2f%n", r.strategy(), r.rtoSeconds(),
                    bound, r.rtoSeconds() / bound, r.calls(), r.mutating().size(), r.run().jumps(),
                    r.run().engineWallTime().toMillis() / 1000.0));
        }
        out.append("critical paths (the waits along the longest chain to drc:execution:recovered):\n");
        for (Row r : rows) {
            out.append("  ").append(r.strategy()).append(": ").append(r.bound().links().stream()
                    .map(Object::toString).collect(Collectors.joining(" -> "))).append('\n');
        }
        out.append("mutating calls:\n");
        for (Row r : rows) {
            out.append("  ").append(r.strategy()).append(": ").append(String.join(", ", r.mutating())).append('\n');
        }
        return out.toString();
    }
}
