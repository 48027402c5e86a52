package io.drc.controller.bench;

import io.drc.controller.DrcConfiguration;
import io.drc.controller.cluster.ClusterMembership;
import io.drc.controller.testing.TestNodes;
import io.drc.controller.core.AwsSettingsMapper;
import io.drc.controller.db.RecoveryPointStore;
import io.drc.controller.db.SchemaMigrator;
import io.drc.controller.replication.JobStep;
import io.drc.controller.replication.ReplicationFixture;
import io.drc.controller.replication.ReplicationWiring;
import io.drc.controller.replication.RpoMeasurement;
import io.drc.simulator.Simulator;
import io.drc.simulator.SimulatorClients;
import io.drc.simulator.SimulatorOptions;
import io.drc.simulator.core.Journal;
import io.drc.simulator.core.ManualClock;
import io.drc.simulator.core.Timings;
import io.drc.strategies.aws.AwsClients;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;
import org.h2.jdbcx.JdbcDataSource;
import org.jdbi.v3.core.Jdbi;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.rds.RdsClient;

/**
 * Not a test: replicates N protected resources (70% EBS volumes, 27% EC2 instances, 3% RDS instances) against
 * the simulator on a manual clock with durations scaled by 0.1, a cycle every 15 virtual minutes, and prints
 * AWS calls per cycle per resource (from the simulator's journal), p50/p99 of achieved RPO ÷ target after
 * the first cycle, and the JVM's peak heap (drc and the simulator share the process).
 * Run: {@code mvn -B -q -Pbench -pl controller -am test-compile} (README).
 */
public final class ReplicationBench {
    static final Duration STEP = Duration.ofSeconds(10);
    /** 700 EBS copies of 18 s through AWS's 20 concurrent copies need ~11 min: a cycle every 15 min fits. */
    static final Duration CYCLE = Duration.ofMinutes(15);
    static final Duration SAMPLE = Duration.ofSeconds(60);

    public static void main(String[] args) throws Exception {
        // Per-job INFO lines would cost more than the work measured.
        ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME))
                .setLevel(ch.qos.logback.classic.Level.WARN);
        int resources = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        int cycles = args.length > 1 ? Integer.parseInt(args[1]) : 2;
        long wallStart = System.nanoTime();
        try (Simulator simulator = Simulator.start(SimulatorOptions.defaults().withPort(0).withTimeScale(0.1)
                .withClock(new ManualClock(Instant.parse("2026-03-01T00:00:00Z"))))) {
            String protect = seed(simulator, resources);
            // The fixture's configuration with the bench's intervals, and no DR launch template to re-point.
            DrcConfiguration config = ReplicationFixture.parse(ReplicationFixture.configYaml(
                    simulator.endpoint().toString(), protect, "")
                    .replace("  pollInterval: 15s", "  pollInterval: 10s")
                    .replace("  measureInterval: 1s", "  measureInterval: 60s")
                    .replace("{keepLast: 3}", "{keepLast: 2}")
                    .replace("launchTemplates: [web-lt], ", ""));
            run(simulator, config, resources, cycles);
        }
        System.out.printf("wall time: %.1f s%n", (System.nanoTime() - wallStart) / 1e9);
    }

    /** Creates the protected resources with every duration at zero, then restores the scaled timings. */
    static String seed(Simulator simulator, int resources) {
        int rds = Math.max(1, resources * 3 / 100);
        int ec2 = resources * 27 / 100;
        int ebs = resources - rds - ec2;
        Timings.DEFAULTS.keySet().forEach(key -> simulator.world().timings().set(key, Duration.ZERO));
        List<String> lines = new ArrayList<>();
        SimulatorClients clients = new SimulatorClients(simulator.endpoint());
        try (Ec2Client ec2Client = clients.ec2("us-east-1"); RdsClient rdsClient = clients.rds("us-east-1")) {
            for (int i = 0; i < ebs; i++) {
                String id = ec2Client.createVolume(r -> r.availabilityZone("us-east-1a").size(20)).volumeId();
                lines.add("  - {id: vol-%04d, kind: ebs-volume, resourceId: %s, rpoTargetSeconds: 1800}".formatted(i, id));
            }
            int made = 0;
            while (made < ec2) {
                int batch = Math.min(100, ec2 - made);
                for (var instance : ec2Client.runInstances(r -> r.imageId("ami-0000000000000ba5e")
                        .instanceType("t3.small").minCount(batch).maxCount(batch)).instances()) {
                    lines.add("  - {id: app-%04d, kind: ec2-instance, resourceId: %s, rpoTargetSeconds: 1800}"
                            .formatted(made++, instance.instanceId()));
                }
            }
            for (int i = 0; i < rds; i++) {
                String id = "db-%03d".formatted(i);
                rdsClient.createDBInstance(r -> r.dbInstanceIdentifier(id).engine("postgres").dbInstanceClass("db.t3.micro")
                        .allocatedStorage(20).masterUsername("u").masterUserPassword("password-1"));
                lines.add("  - {id: %s, kind: rds-instance, resourceId: %s, rpoTargetSeconds: 3600}".formatted(id, id));
            }
        }
        simulator.manualClock().advance(Duration.ofSeconds(1));
        simulator.world().timings().reset();
        System.out.printf("protected: %d EBS volumes, %d EC2 instances, %d RDS instances%n", ebs, ec2, rds);
        return String.join("\n", lines);
    }

    static void run(Simulator simulator, DrcConfiguration config, int resources, int cycles) throws Exception {
        ManualClock clock = simulator.manualClock();
        Path dir = Files.createTempDirectory(Files.createDirectories(Path.of("target")), "bench-");
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:" + dir.toAbsolutePath().resolve("drc") + ";AUTO_SERVER=FALSE");
        h2.setUser("sa");
        SchemaMigrator.migrate(h2);
        Jdbi jdbi = Jdbi.create(h2);
        ExecutorService workers = Executors.newFixedThreadPool(config.getReplication().workers());
        try (AwsClients aws = new AwsClients(AwsSettingsMapper.toSettings(config.getAws()))) {
            ClusterMembership membership = TestNodes.member(jdbi, "bench-daemon", clock);
            membership.start();
            ReplicationWiring wiring = ReplicationWiring.build(config, jdbi, new RecoveryPointStore(jdbi, clock), aws,
                    workers, membership, clock);
            List<Double> ratios = new ArrayList<>();
            Instant start = clock.instant();
            Instant nextCycle = start;
            Instant nextSample = start;
            Instant protectedAt = null;
            long steadyFromSeq = -1;
            int cyclesStarted = 0;
            int measuredCycles = 0;
            // Warm-up: cycles until every resource has a completed copy in DR (the first full copy through the
            // quota); then `cycles` measured cycles.
            while (true) {
                if (!clock.instant().isBefore(nextCycle)) {
                    if (protectedAt != null) {
                        if (steadyFromSeq < 0) {
                            steadyFromSeq = simulator.journal().lastSeq();
                        } else {
                            measuredCycles++;
                        }
                        if (measuredCycles == cycles) {
                            break;
                        }
                    }
                    int started = wiring.engine().startCycle(Optional.empty()).size();
                    System.out.printf("t=%5ds cycle %d%s: %d jobs started (%d still in flight)%n",
                            Duration.between(start, clock.instant()).toSeconds(), ++cyclesStarted,
                            steadyFromSeq >= 0 ? " (measured)" : " (warm-up)", started, resources - started);
                    nextCycle = nextCycle.plus(CYCLE);
                }
                wiring.ticker().tick();
                if (protectedAt == null && wiring.monitor().resourcesWithRecoveryPoint().size() == resources) {
                    protectedAt = clock.instant();
                    System.out.printf("t=%5ds every resource has a completed recovery point in DR%n",
                            Duration.between(start, protectedAt).toSeconds());
                }
                if (steadyFromSeq >= 0 && !clock.instant().isBefore(nextSample)) {
                    for (var resource : config.getProtect()) {
                        RpoMeasurement m = wiring.monitor().latest(resource.id());
                        if (m != null) {
                            ratios.add(m.ratio());
                        }
                    }
                    nextSample = clock.instant().plus(SAMPLE);
                }
                clock.advance(STEP);
            }
            report(simulator, wiring, resources, cycles, steadyFromSeq, ratios);
        } finally {
            workers.shutdownNow();
        }
    }

    static void report(Simulator simulator, ReplicationWiring wiring, int resources, int cycles, long fromSeq,
                       List<Double> ratios) {
        List<Journal.Call> calls = simulator.journal().since(fromSeq);
        int steadyCycles = cycles;
        double perResource = calls.size() / (double) steadyCycles / resources;
        Map<String, Long> byAction = new TreeMap<>(calls.stream()
                .collect(Collectors.groupingBy(Journal.Call::action, Collectors.counting())));
        long refused = calls.stream().filter(c -> c.errorCode() != null).count();
        System.out.printf("AWS API calls per cycle per resource (%d measured cycles): %.2f%n", cycles, perResource);
        byAction.forEach((action, count) -> System.out.printf("  %-32s %.3f%n", action,
                count / (double) steadyCycles / resources));
        System.out.printf("calls answered with an error (quota, throttling): %d%n", refused);
        calls.stream().filter(c -> c.errorCode() != null)
                .collect(Collectors.groupingBy(c -> c.action() + " " + c.errorCode(), TreeMap::new, Collectors.counting()))
                .forEach((what, count) -> System.out.printf("  %-60s %d%n", what, count));
        long completed = calls.stream().filter(c -> c.status() == 200 && (c.action().equals("CopySnapshot")
                || c.action().equals("CopyImage") || c.action().equals("CopyDBSnapshot"))).count();
        System.out.printf("copies started in the measured cycles: %d; AWS calls per copy: %.2f%n", completed,
                completed == 0 ? Double.NaN : calls.size() / (double) completed);
        Collections.sort(ratios);
        System.out.printf("achieved RPO / target over %d samples: p50 %.3f, p99 %.3f, max %.3f%n", ratios.size(),
                percentile(ratios, 0.50), percentile(ratios, 0.99), ratios.isEmpty() ? Double.NaN
                        : ratios.get(ratios.size() - 1));
        long failed = wiring.engine().jobs().latestPerResource().stream().filter(j -> j.step() == JobStep.FAILED).count();
        System.out.printf("failed jobs: %d%n", failed);
        long peak = ManagementFactory.getMemoryPoolMXBeans().stream().filter(p -> p.getType() == MemoryType.HEAP)
                .map(MemoryPoolMXBean::getPeakUsage).mapToLong(u -> u.getUsed()).sum();
        System.out.printf("peak heap (drc + simulator in one JVM, -Xmx1g): %d MiB%n", peak / (1024 * 1024));
    }

    static double percentile(List<Double> sorted, double p) {
        if (sorted.isEmpty()) {
            return Double.NaN;
        }
        int index = (int) Math.ceil(p * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
    }
}
