package io.drc.controller.bench;

import io.drc.controller.DrcConfiguration;
import io.drc.controller.api.RecoveryPoint;
import io.drc.controller.cluster.ClusterMembership;
import io.drc.controller.testing.TestNodes;
import io.drc.controller.core.AwsSettingsMapper;
import io.drc.controller.core.ResourceKind;
import io.drc.controller.db.RecoveryPointStore;
import io.drc.controller.db.SchemaMigrator;
import io.drc.controller.db.StoreMaintenance;
import io.drc.controller.replication.AlarmReconciler;
import io.drc.controller.replication.Feasibility;
import io.drc.controller.replication.JobStep;
import io.drc.controller.replication.ReplicationFixture;
import io.drc.controller.replication.ReplicationJob;
import io.drc.controller.replication.ReplicationWiring;
import io.drc.controller.testing.PostgresServer;
import io.drc.simulator.Simulator;
import io.drc.simulator.SimulatorClients;
import io.drc.simulator.SimulatorOptions;
import io.drc.simulator.core.Journal;
import io.drc.simulator.core.ManualClock;
import io.drc.simulator.core.Timings;
import io.drc.strategies.aws.AwsClients;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import org.h2.jdbcx.JdbcConnectionPool;
import org.jdbi.v3.core.Jdbi;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.rds.RdsClient;

/**
 * Not a test: replication at scale against the simulator on a manual clock, the old policy and the new side by
 * side. For each scenario — 1,000 resources (70% EBS volumes, 27% EC2 instances, 3% RDS instances; durations × 0.1;
 * targets 30 min, RDS 60 min) and 10,000 EBS volumes (durations × 0.05, ~9 s copies; targets 30 min) — it runs
 * {@code cron} (a cycle every 15 virtual minutes, as drc did before deadline scheduling) and {@code deadline}
 * (no cron: copies start as each RPO nears its target) for the same simulated time, each on a fresh simulator and a
 * fresh H2 file (WRITE_DELAY=0, as in production), and prints side by side: achieved RPO ÷ target (sampled every
 * minute, and at each copy's completion: the peak it reached), EBS copy-slot utilisation while copies wait, EBS
 * copies per hour ÷ the quota's bound 20/D, AWS calls per copy (from the simulator's journal), predicted vs achieved
 * RPO, wall time from start-up to the first copy, peak heap and RSS, and the H2 file at the end. The RPO alarms are
 * reconciled on their own thread at CloudWatch's 3 puts a second, as in the daemon; their calls are counted apart.
 * Run: {@code mvn -B -q -Pbench -pl controller -am test-compile -Dbench.skipRto=true} (README, Benchmarks).
 */
public final class ReplicationBench {
    static final Duration CRON = Duration.ofMinutes(15);
    static final Duration SAMPLE = Duration.ofSeconds(60);
    static final Duration MAINTENANCE = Duration.ofSeconds(60);
    static final int EBS_SLOTS = 20;

    /** What a run simulates. */
    record Scenario(String name, int resources, boolean ebsOnly, double timeScale) {
        static Scenario of(String name) {
            return switch (name) {
                case "mixed1000" -> new Scenario(name, 1000, false, 0.1);
                case "ebs10000" -> new Scenario(name, 10_000, true, 0.05);
                default -> {
                    if (name.startsWith("ebs")) {
                        yield new Scenario(name, Integer.parseInt(name.substring(3)), true, 0.05);
                    }
                    if (name.startsWith("mixed")) {
                        yield new Scenario(name, Integer.parseInt(name.substring(5)), false, 0.1);
                    }
                    throw new IllegalArgumentException("unknown scenario " + name + ": mixed<N> or ebs<N>");
                }
            };
        }
    }

    public static void main(String[] args) throws Exception {
        // The simulator's JDK HTTP server otherwise waits for delayed ACKs (~40 ms a call; issue 13 point 8 makes
        // this the simulator's default).
        System.setProperty("sun.net.httpserver.nodelay", "true");
        // Per-job INFO lines would cost more than the work measured.
        ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME))
                .setLevel(ch.qos.logback.classic.Level.WARN);
        List<String> scenarios = List.of((args.length > 0 ? args[0] : "mixed1000,ebs10000").split(","));
        Duration length = Duration.ofMinutes(Math.round(60 * Double.parseDouble(args.length > 1 ? args[1] : "2")));
        List<String> policies = List.of((args.length > 2 ? args[2] : "cron,deadline").split(","));
        boolean postgres = args.length > 3 && args[3].equals("postgres");
        for (String name : scenarios) {
            Scenario scenario = Scenario.of(name);
            Map<String, Result> results = new LinkedHashMap<>();
            for (String policy : policies) {
                long wall = System.nanoTime();
                Result result = run(scenario, policy, length, postgres);
                System.out.printf("%s %s: %.0f s wall%n", name, policy, (System.nanoTime() - wall) / 1e9);
                results.put(policy, result);
            }
            print(scenario, length, results);
        }
    }

    /** Everything one run measured. */
    record Result(Stats sampled, Stats peaks, double utilisation, double copiesPerHour, double quotaBoundPerHour,
                  Map<String, Long> callsByAction, long copies, Stats predictionError, double firstCopySeconds,
                  Duration protectedAfter, long peakHeapMiB, long rssMiB, long peakRssMiB, long h2Bytes,
                  long jobRows, long pointRows, int failedJobs, List<String> verdicts, long errors, long commits,
                  double wallSeconds, long allCopies, int retentionMs) {}

    record Stats(int n, double p50, double p99, double max) {
        static Stats of(List<Double> values) {
            List<Double> sorted = new ArrayList<>(values);
            Collections.sort(sorted);
            return new Stats(sorted.size(), percentile(sorted, 0.50), percentile(sorted, 0.99),
                    sorted.isEmpty() ? Double.NaN : sorted.get(sorted.size() - 1));
        }
    }

    /** Creates the protected resources with every duration at zero, then restores the scaled timings. */
    static String seed(Simulator simulator, Scenario scenario) {
        int rds = scenario.ebsOnly() ? 0 : Math.max(1, scenario.resources() * 3 / 100);
        int ec2 = scenario.ebsOnly() ? 0 : scenario.resources() * 27 / 100;
        int ebs = scenario.resources() - rds - ec2;
        Timings.DEFAULTS.keySet().forEach(key -> simulator.world().timings().set(key, Duration.ZERO));
        List<String> lines = new ArrayList<>();
        SimulatorClients clients = new SimulatorClients(simulator.endpoint());
        try (Ec2Client ec2Client = clients.ec2("us-east-1"); RdsClient rdsClient = clients.rds("us-east-1")) {
            for (int i = 0; i < ebs; i++) {
                String id = ec2Client.createVolume(r -> r.availabilityZone("us-east-1a").size(20)).volumeId();
                lines.add("  - {id: vol-%05d, kind: ebs-volume, resourceId: %s, rpoTargetSeconds: 1800}".formatted(i, id));
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
        System.out.printf("%s: %d EBS volumes, %d EC2 instances, %d RDS instances; durations x %.2f%n",
                scenario.name(), ebs, ec2, rds, scenario.timeScale());
        return String.join("\n", lines);
    }

    /** The simulator's scaled durations as drc's expected durations: what an operator who measured them would set. */
    static String expectedDurations(Timings timings) {
        return "  expectedDurations: {ebsSnapshot: %dms, ebsCopy: %dms, image: %dms, imageCopy: %dms, dbSnapshot: %dms, dbSnapshotCopy: %dms}\n"
                .formatted(timings.of("ec2.snapshot.create").toMillis(), timings.of("ec2.snapshot.copy").toMillis(),
                        timings.of("ec2.image.create").toMillis(), timings.of("ec2.image.copy").toMillis(),
                        timings.of("rds.snapshot.create").toMillis(), timings.of("rds.snapshot.copy").toMillis());
    }

    static Result run(Scenario scenario, String policy, Duration length, boolean postgres) throws Exception {
        if (postgres) {
            try (PostgresServer server = PostgresServer.start()) {
                org.apache.tomcat.jdbc.pool.DataSource pool = new org.apache.tomcat.jdbc.pool.DataSource();
                pool.setDriverClassName("org.postgresql.Driver");
                pool.setUrl(server.createDatabase());
                pool.setUsername(server.user());
                pool.setMaxActive(32);
                try {
                    return run(scenario, policy, length, pool, null);
                } finally {
                    pool.close();
                }
            }
        }
        Path dir = Files.createTempDirectory(Files.createDirectories(Path.of("target")), "bench-");
        JdbcConnectionPool pool = JdbcConnectionPool.create("jdbc:h2:" + dir.resolve("drc").toAbsolutePath()
                + ";AUTO_SERVER=FALSE;WRITE_DELAY=0", "sa", "");
        pool.setMaxConnections(32);
        try {
            return run(scenario, policy, length, pool, dir.resolve("drc.mv.db"));
        } finally {
            pool.dispose();
        }
    }

    /** {@code h2File}: the H2 file behind {@code store}; null for PostgreSQL. */
    static Result run(Scenario scenario, String policy, Duration length, javax.sql.DataSource store, Path h2File)
            throws Exception {
        Instant start = Instant.parse("2026-03-01T00:00:00Z");
        try (Simulator simulator = Simulator.start(SimulatorOptions.defaults().withPort(0)
                .withTimeScale(scenario.timeScale()).withClock(new ManualClock(start)))) {
            String protect = seed(simulator, scenario);
            DrcConfiguration config = ReplicationFixture.parse(ReplicationFixture.configYaml(
                    simulator.endpoint().toString(), protect, "  scheduling: " + policy + "\n"
                            + "  defaultSchedule: \"" + ReplicationFixture.NEVER + "\"\n"
                            + "  defaultRetention: {keepLast: 2}\n  pollInterval: 10s\n  measureInterval: 60s\n"
                            + "  reconcileInterval: 5m\n" + expectedDurations(simulator.world().timings()))
                    .replace("launchTemplates: [web-lt], ", ""));
            ExecutorService workers = Executors.newFixedThreadPool(config.getReplication().workers());
            try (AwsClients aws = new AwsClients(AwsSettingsMapper.toSettings(config.getAws()))) {
                SchemaMigrator.migrate(store);
                Jdbi jdbi = Jdbi.create(store);
                return new Run(simulator, config, jdbi, store, aws, workers, scenario, policy, length, h2File).go();
            } finally {
                workers.shutdownNow();
            }
        }
    }

    /** One policy's run: the loop, and what it records on the way. */
    static final class Run {
        final Simulator simulator;
        final DrcConfiguration config;
        final Jdbi jdbi;
        final javax.sql.DataSource pool;
        final AwsClients aws;
        final ExecutorService workers;
        final Scenario scenario;
        final String policy;
        final Duration length;
        final Path h2File;
        final ManualClock clock;
        final Duration copyDuration;
        final Map<String, Long> calls = new ConcurrentHashMap<>();
        final AtomicLong errors = new AtomicLong();
        final AtomicLong copiesInRun = new AtomicLong();
        final Deque<Instant> copyStarts = new ArrayDeque<>();
        final List<Instant> allCopyStarts = Collections.synchronizedList(new ArrayList<>());
        volatile long firstCopyNanos;
        volatile boolean measuring;
        final List<Double> sampled = new ArrayList<>();
        final List<Double> peaks = new ArrayList<>();
        final List<Double> predictionErrors = new ArrayList<>();
        final Map<String, Instant> newestSource = new HashMap<>();
        final Map<String, Instant> predictedAtStart = new HashMap<>();
        double busySlotSeconds;
        double waitingSeconds;
        /** While copies wait: slots drc counts busy whose copy AWS finished (not seen yet), and slots drc had free. */
        double unseenSlotSeconds;
        double freeSlotSeconds;
        /** While copies wait: of the waiting time, how much only because a resource past its target had no job. */
        double overdueOnlySeconds;
        volatile int retentionMs = 45_000;

        Run(Simulator simulator, DrcConfiguration config, Jdbi jdbi, javax.sql.DataSource pool, AwsClients aws,
            ExecutorService workers, Scenario scenario, String policy, Duration length, Path h2File) {
            this.simulator = simulator;
            this.config = config;
            this.jdbi = jdbi;
            this.pool = pool;
            this.aws = aws;
            this.workers = workers;
            this.scenario = scenario;
            this.policy = policy;
            this.length = length;
            this.h2File = h2File;
            this.clock = simulator.manualClock();
            this.copyDuration = simulator.world().timings().of("ec2.snapshot.copy");
        }

        Result go() throws Exception {
            Journal journal = simulator.journal();
            journal.clear();
            try (Journal.Hook counting = journal.onCall(c -> true, this::count)) {
                return loop();
            }
        }

        void count(Journal.Call call) {
            if (call.action().equals("CopySnapshot") && call.status() == 200) {
                if (firstCopyNanos == 0) {
                    firstCopyNanos = System.nanoTime();
                }
                synchronized (copyStarts) {
                    copyStarts.add(call.at());
                }
                allCopyStarts.add(call.at());
            }
            if (call.action().startsWith("Copy") && call.status() == 200) {
                copiesInRun.incrementAndGet();
                if (firstCopyNanos == 0) {
                    firstCopyNanos = System.nanoTime();
                }
            }
            if (measuring) {
                calls.merge(call.action(), 1L, Long::sum);
                if (call.errorCode() != null) {
                    errors.incrementAndGet();
                }
            }
        }

        /** H2's store version: one more with every commit that wrote a chunk to the file. */
        long commits() {
            return h2File == null ? 0 : store().getCurrentVersion();
        }

        org.h2.mvstore.MVStore store() {
            try (java.sql.Connection c = pool.getConnection()) {
                return ((org.h2.engine.SessionLocal) c.unwrap(org.h2.jdbc.JdbcConnection.class).getSession())
                        .getDatabase().getStore().getMvStore();
            } catch (java.sql.SQLException e) {
                throw new IllegalStateException(e);
            }
        }

        /**
         * H2 keeps a dead chunk 45 s of wall time before reusing its space. The bench runs many times faster than
         * real time, so 45 wall seconds hold many simulated minutes of commits; it tells H2 to keep them 45 simulated
         * seconds instead (at least 1 s), so the file is what 2 hours of real time would leave.
         */
        void simulateH2Retention(long startNanos, Instant begin) {
            if (h2File == null) {
                return;
            }
            double wall = (System.nanoTime() - startNanos) / 1e9;
            double virtual = Duration.between(begin, clock.instant()).toMillis() / 1000.0;
            if (virtual > 60) {
                int ms = (int) Math.max(1000, Math.min(45_000, 45_000 * wall / virtual));
                store().setRetentionTime(ms);
                retentionMs = ms;
            }
        }

        Result loop() throws Exception {
            long startNanos = System.nanoTime();
            long commitsAtStart = commits();
            RecoveryPointStore catalog = new RecoveryPointStore(jdbi, clock);
            // one daemon: its heartbeat thread keeps it allowed to claim on the wall clock, whatever the manual one does
            ClusterMembership membership = TestNodes.member(jdbi, "bench-daemon", clock);
            membership.start();
            ReplicationWiring wiring = ReplicationWiring.build(config, jdbi, catalog, aws, workers, membership, clock);
            List<String> verdicts = wiring.warnIfInfeasible().stream().map(Feasibility.Verdict::describe).toList();
            AlarmReconciler alarms = new AlarmReconciler(aws, wiring.context(),
                    AlarmReconciler.Pacer.perSecond(3), Duration.ofHours(1), membership, true);
            alarms.start();
            StoreMaintenance maintenance = new StoreMaintenance(jdbi, pool, h2File != null, MAINTENANCE, clock);
            Instant begin = clock.instant();
            Instant end = begin.plus(length);
            Instant nextCron = begin;
            Instant nextSample = begin;
            Instant nextMaintenance = begin.plus(MAINTENANCE);
            Instant protectedAt = null;
            Instant lastCompletionCheck = begin;
            int total = config.getProtect().size();
            long iterations = 0;
            try {
                while (clock.instant().isBefore(end)) {
                    Instant now = clock.instant();
                    if (policy.equals("cron") && !now.isBefore(nextCron)) {
                        wiring.engine().startCycle(Optional.empty());
                        nextCron = nextCron.plus(CRON);
                    }
                    wiring.ticker().tick();
                    List<ReplicationJob> active = wiring.engine().jobs().active();
                    recordPredictions(wiring, active);
                    lastCompletionCheck = recordCompletions(catalog, wiring, lastCompletionCheck);
                    if (protectedAt == null && newestSource.size() == total) {
                        protectedAt = now;
                        measuring = true;
                        System.out.printf("  %s: every resource protected after %d virtual s%n", policy,
                                Duration.between(begin, now).toSeconds());
                    }
                    if (!now.isBefore(nextSample)) {
                        sample(wiring, now);
                        nextSample = now.plus(SAMPLE);
                    }
                    if (!now.isBefore(nextMaintenance)) {
                        maintenance.run();
                        nextMaintenance = now.plus(MAINTENANCE);
                    }
                    Instant wake = wiring.ticker().nextWake();
                    if (policy.equals("cron") && nextCron.isBefore(wake)) {
                        wake = nextCron;
                    }
                    wake = earliest(earliest(wake, nextSample), end);
                    Duration step = Duration.between(now, wake);
                    step = step.compareTo(Duration.ofMillis(50)) < 0 ? Duration.ofMillis(50) : step;
                    integrateSlots(active, now, now.plus(step));
                    clock.advance(step);
                    if (++iterations % 500 == 0) {
                        simulator.journal().clear(); // counted by the hook already; the journal would fill the heap
                        simulateH2Retention(startNanos, begin);
                    }
                }
            } finally {
                alarms.stop();
            }
            maintenance.run();
            System.out.printf("  %s: while EBS copies wait (%.0f s, %.0f s of it only overdue resources not started): "
                    + "idle slot-s %.0f, of which done in AWS but not seen yet %.0f, free in drc's view %.0f%n", policy,
                    waitingSeconds, overdueOnlySeconds, waitingSeconds * EBS_SLOTS - busySlotSeconds,
                    unseenSlotSeconds, freeSlotSeconds);
            double measuredHours = Duration.between(protectedAt == null ? begin.plus(length.dividedBy(2)) : protectedAt,
                    end).toMillis() / 3_600_000.0;
            long ebsCopies = allCopyStarts.stream().filter(t -> !t.isBefore(end.minus(Duration.ofMillis(
                    Math.round(measuredHours * 3_600_000))))).count();
            long copies = calls.entrySet().stream().filter(e -> e.getKey().startsWith("Copy"))
                    .mapToLong(Map.Entry::getValue).sum();
            System.gc();
            long peakHeap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
            int failed = (int) wiring.engine().jobs().latestPerResource().stream()
                    .filter(j -> j.step() == JobStep.FAILED).count();
            long jobRows = jdbi.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM replication_jobs").mapTo(Long.class).one());
            long pointRows = jdbi.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM recovery_points").mapTo(Long.class).one());
            return new Result(Stats.of(sampled), Stats.of(peaks), waitingSeconds < 60 ? Double.NaN
                    : busySlotSeconds / (waitingSeconds * EBS_SLOTS), ebsCopies / measuredHours,
                    EBS_SLOTS / (copyDuration.toMillis() / 1000.0) * 3600, new TreeMap<>(calls), copies,
                    Stats.of(predictionErrors), firstCopyNanos == 0 ? Double.NaN : (firstCopyNanos - startNanos) / 1e9,
                    protectedAt == null ? null : Duration.between(begin, protectedAt), peakHeap >> 20,
                    ProcStatus.kib("VmRSS") >> 10, ProcStatus.kib("VmHWM") >> 10, storeBytes(), jobRows,
                    pointRows, failed, verdicts, errors.get(), commits() - commitsAtStart,
                    (System.nanoTime() - startNanos) / 1e9, copiesInRun.get(), retentionMs);
        }

        /**
         * The H2 file, or on PostgreSQL every table of drc's schema with its indexes and TOAST (jobs, recovery points,
         * RPO samples and the rest: what the store's retention must bound).
         */
        long storeBytes() throws java.io.IOException {
            if (h2File != null) {
                return Files.size(h2File);
            }
            return jdbi.withHandle(h -> h.createQuery("SELECT COALESCE(SUM(pg_total_relation_size(c.oid)), 0) "
                    + "FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
                    + "WHERE n.nspname = current_schema() AND c.relkind = 'r'").mapTo(Long.class).one());
        }

        /** The prediction in force when a resource's job started: compared with what the copy achieves. */
        void recordPredictions(ReplicationWiring wiring, List<ReplicationJob> active) {
            for (ReplicationJob job : active) {
                if (!predictedAtStart.containsKey(job.resourceId())) {
                    wiring.planner().predictedDone(job.resourceId())
                            .ifPresent(done -> predictedAtStart.put(job.resourceId(), done));
                }
            }
        }

        /** Copies completed in DR since the last look: the RPO each resource reached just before (its peak). */
        Instant recordCompletions(RecoveryPointStore catalog, ReplicationWiring wiring, Instant since) {
            Instant latest = since;
            for (RecoveryPoint point : catalog.recentlyCompleted("us-west-2", 500)) {
                if (point.completedAt() == null || !point.completedAt().isAfter(since)) {
                    continue;
                }
                latest = point.completedAt().isAfter(latest) ? point.completedAt() : latest;
                Instant previous = newestSource.get(point.resourceId());
                if (previous != null && !point.sourceTime().isAfter(previous)) {
                    continue;
                }
                newestSource.put(point.resourceId(), point.sourceTime());
                Instant predicted = predictedAtStart.remove(point.resourceId());
                if (previous == null || !measuring) {
                    continue;
                }
                double target = wiring.context().resource(point.resourceId()).rpoTargetSeconds();
                double achieved = Duration.between(previous, point.completedAt()).toMillis() / 1000.0;
                peaks.add(achieved / target);
                if (predicted != null) {
                    double forecast = Duration.between(previous, predicted).toMillis() / 1000.0;
                    predictionErrors.add(Math.abs(forecast - achieved) / target);
                }
            }
            return latest;
        }

        void sample(ReplicationWiring wiring, Instant now) {
            if (!measuring) {
                return;
            }
            for (var resource : config.getProtect()) {
                Instant source = newestSource.get(resource.id());
                if (source != null) {
                    sampled.add(Duration.between(source, now).toMillis() / 1000.0 / resource.rpoTargetSeconds());
                }
            }
        }

        /**
         * Copies also wait, with deadline scheduling, as resources past their target that drc has not started yet
         * (it starts them just in time for a slot): demand beyond what the slots give.
         */
        boolean overdueIdle(List<ReplicationJob> active, Instant now) {
            if (!policy.equals("deadline")) {
                return false;
            }
            Set<String> busy = new java.util.HashSet<>();
            active.forEach(j -> busy.add(j.resourceId()));
            for (var resource : config.getProtect()) {
                Instant source = newestSource.get(resource.id());
                if (resource.kind() == ResourceKind.EBS_VOLUME && !busy.contains(resource.id()) && source != null
                        && !source.plusSeconds(resource.rpoTargetSeconds()).isAfter(now)) {
                    return true;
                }
            }
            return false;
        }

        /**
         * Over [from, to): EBS copies in flight in AWS (each busy exactly the simulator's copy duration from its
         * CopySnapshot), counted only while an EBS copy waits in drc's queue for a slot.
         */
        void integrateSlots(List<ReplicationJob> active, Instant from, Instant to) {
            boolean queued = active.stream().anyMatch(j -> j.kind() == ResourceKind.EBS_VOLUME
                    && j.step() == JobStep.COPY && !j.nextAttemptAt().isAfter(from));
            boolean waiting = queued || overdueIdle(active, from);
            long drcInFlight = active.stream().filter(j -> j.kind() == ResourceKind.EBS_VOLUME
                    && j.step() == JobStep.AWAIT_COPY).count();
            int running = 0;
            double busy = 0;
            synchronized (copyStarts) {
                while (!copyStarts.isEmpty() && !copyStarts.peekFirst().plus(copyDuration).isAfter(from)) {
                    copyStarts.pollFirst();
                }
                for (Instant s : copyStarts) {
                    running += s.isAfter(from) ? 0 : 1;
                    Instant a = s.isAfter(from) ? s : from;
                    Instant b = s.plus(copyDuration).isBefore(to) ? s.plus(copyDuration) : to;
                    if (b.isAfter(a)) {
                        busy += Duration.between(a, b).toMillis() / 1000.0;
                    }
                }
            }
            if (waiting && measuring) {
                double seconds = Duration.between(from, to).toMillis() / 1000.0;
                busySlotSeconds += busy;
                waitingSeconds += seconds;
                unseenSlotSeconds += Math.max(0, drcInFlight - running) * seconds;
                freeSlotSeconds += Math.max(0, EBS_SLOTS - Math.max(drcInFlight, running)) * seconds;
                overdueOnlySeconds += queued ? 0 : seconds;
            }
        }
    }

    static Instant earliest(Instant a, Instant b) {
        return b.isBefore(a) ? b : a;
    }

    static void print(Scenario scenario, Duration length, Map<String, Result> results) {
        System.out.printf("%n== %s, %d simulated minutes per policy ==%n", scenario.name(), length.toMinutes());
        results.values().stream().findFirst().ifPresent(r -> r.verdicts().forEach(v -> System.out.println("feasibility: " + v)));
        List<String> policies = new ArrayList<>(results.keySet());
        System.out.printf("%-52s", "figure");
        policies.forEach(p -> System.out.printf("%24s", p));
        System.out.println();
        row(results, "every resource protected after (virtual s)", r -> r.protectedAfter() == null ? "not in the run"
                : String.valueOf(r.protectedAfter().toSeconds()));
        row(results, "RPO ÷ target, sampled each minute p50/p99/max", r -> stats(r.sampled()));
        row(results, "RPO ÷ target at each copy (peak) p50/p99/max", r -> stats(r.peaks()));
        row(results, "copies measured (peaks)", r -> String.valueOf(r.peaks().n()));
        row(results, "EBS slot utilisation while copies wait", r -> Double.isNaN(r.utilisation()) ? "no wait"
                : "%.3f".formatted(r.utilisation()));
        row(results, "EBS copies/h ÷ bound 20/D", r -> "%.0f / %.0f = %.3f".formatted(r.copiesPerHour(),
                r.quotaBoundPerHour(), r.copiesPerHour() / r.quotaBoundPerHour()));
        row(results, "AWS calls per copy: replication", r -> perCopy(r, Set.of("CreateSnapshot", "CopySnapshot",
                "CreateImage", "CopyImage", "CreateDBSnapshot", "CopyDBSnapshot", "DescribeSnapshots", "DescribeImages",
                "DescribeDBSnapshots", "CreateTags")));
        row(results, "AWS calls per copy: + retention deletes", r -> perCopy(r, Set.of("DeleteSnapshot",
                "DeregisterImage", "DeleteDBSnapshot")));
        row(results, "AWS calls per copy: + metrics", r -> perCopy(r, Set.of("PutMetricData")));
        row(results, "AWS calls per copy: all but alarms", r -> "%.2f".formatted(r.callsByAction().entrySet().stream()
                .filter(e -> !e.getKey().contains("Alarm")).mapToLong(Map.Entry::getValue).sum() / (double) r.copies()));
        row(results, "alarm calls (own thread, 3/s)", r -> String.valueOf(r.callsByAction().entrySet().stream()
                .filter(e -> e.getKey().contains("Alarm")).mapToLong(Map.Entry::getValue).sum()));
        row(results, "calls answered with an error", r -> String.valueOf(r.errors()));
        row(results, "|predicted − achieved| ÷ target p50/p99", r -> "%.3f / %.3f".formatted(
                r.predictionError().p50(), r.predictionError().p99()));
        row(results, "start-up to first copy (wall s)", r -> "%.1f".formatted(r.firstCopySeconds()));
        row(results, "heap after GC / RSS / peak RSS (MiB, drc+sim)", r -> "%d / %d / %d".formatted(r.peakHeapMiB(),
                r.rssMiB(), r.peakRssMiB()));
        row(results, "store at the end (MB; H2 file, or PG tables)", r -> "%.1f".formatted(r.h2Bytes() / 1e6));
        row(results, "H2 retention of dead chunks, wall ms (45 sim. s)", r -> String.valueOf(r.retentionMs()));
        row(results, "H2 commits: per copy / per wall s", r -> "%.1f / %.0f".formatted(r.commits() / (double)
                Math.max(1, r.allCopies()), r.commits() / r.wallSeconds()));
        row(results, "rows: jobs / recovery points", r -> r.jobRows() + " / " + r.pointRows());
        row(results, "failed jobs", r -> String.valueOf(r.failedJobs()));
        results.forEach((policy, r) -> System.out.println(policy + " calls by action in the measured window: "
                + r.callsByAction()));
    }

    static String stats(Stats s) {
        return s.n() == 0 ? "-" : "%.3f / %.3f / %.3f".formatted(s.p50(), s.p99(), s.max());
    }

    static String perCopy(Result r, Set<String> actions) {
        long n = r.callsByAction().entrySet().stream().filter(e -> actions.contains(e.getKey()))
                .mapToLong(Map.Entry::getValue).sum();
        return "%.2f".formatted(n / (double) r.copies());
    }

    static void row(Map<String, Result> results, String name, java.util.function.Function<Result, String> value) {
        System.out.printf("%-52s", name);
        results.values().forEach(r -> System.out.printf("%24s", value.apply(r)));
        System.out.println();
    }

    static double percentile(List<Double> sorted, double p) {
        if (sorted.isEmpty()) {
            return Double.NaN;
        }
        int index = (int) Math.ceil(p * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
    }

    /** This process's memory as Linux reports it. */
    static final class ProcStatus {
        static long kib(String field) {
            try {
                for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                    if (line.startsWith(field + ":")) {
                        return Long.parseLong(line.replaceAll("[^0-9]", ""));
                    }
                }
            } catch (java.io.IOException e) {
                return -1;
            }
            return -1;
        }
    }
}
