package io.drc.controller.replication;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.dropwizard.configuration.YamlConfigurationFactory;
import io.dropwizard.jackson.Jackson;
import io.drc.controller.DrcConfiguration;
import io.drc.controller.cluster.ClusterMembership;
import io.drc.controller.testing.TestNodes;
import io.drc.controller.core.AwsSettingsMapper;
import io.drc.controller.db.RecoveryPointStore;
import io.drc.controller.db.SchemaMigrator;
import io.drc.simulator.Simulator;
import io.drc.simulator.SimulatorClients;
import io.drc.simulator.SimulatorOptions;
import io.drc.simulator.core.ManualClock;
import io.drc.simulator.demo.DemoEnvironment;
import io.drc.simulator.demo.DemoSeeder;
import io.drc.strategies.aws.AwsClients;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.BiFunction;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.jdbi.v3.core.Jdbi;

/**
 * The replication parts wired as the daemon wires them, against a simulator on a manual clock and a fresh H2
 * store; {@link #restart()} builds them anew on the same database, as a restarted daemon would.
 */
public final class ReplicationFixture implements AutoCloseable {
    static final Instant START = Instant.parse("2026-03-01T00:00:00Z");
    static final Duration STEP = Duration.ofSeconds(60);
    /**
     * A cron that does not fire while a test runs (nor misfires at a restart). Quartz fires on the wall clock,
     * whatever clock the test moves: a schedule that can fire mid-test (the default every 15 minutes, daily at
     * 03:00) starts cycles the test did not ask for on the runs that happen to cross that moment.
     */
    public static final String NEVER = "0 0 0 1 1 ? 2099";

    final Simulator simulator;
    final ManualClock clock;
    final DemoEnvironment demo;
    final DrcConfiguration config;
    final Jdbi jdbi;
    final RecoveryPointStore catalog;
    final SimulatorClients clients;
    private final AwsClients aws;
    private final ExecutorService workers = Executors.newFixedThreadPool(4);
    private final List<ExecutorService> otherWorkers = new ArrayList<>();
    /** Every daemon's membership in the cluster, the current one first; heartbeats on their own threads too. */
    private final List<ClusterMembership> members = new ArrayList<>();
    /**
     * Held for the fixture's life: without a pool, H2 closes its database when the last connection closes and
     * reopens the file for the next statement, which made every statement cost a file open.
     */
    private final Connection keepOpen;
    ReplicationWiring wiring;
    /** The fixture's daemon's membership (the current incarnation's). */
    private ClusterMembership self;

    ReplicationFixture(String protectYaml, String extraReplicationYaml) throws Exception {
        this((demo, clients) -> protectYaml.formatted(demo.instanceId(), demo.volumeId()), extraReplicationYaml);
    }

    /** {@code protect} builds the protect list once the demo exists (it may create more resources first). */
    ReplicationFixture(BiFunction<DemoEnvironment, SimulatorClients, String> protect, String extraReplicationYaml)
            throws Exception {
        this(protect, extraReplicationYaml, freshH2());
    }

    /** The same on a given database (H2 or PostgreSQL, see StoreDatabases). */
    ReplicationFixture(BiFunction<DemoEnvironment, SimulatorClients, String> protect, String extraReplicationYaml,
                       DataSource store) throws Exception {
        this.simulator = Simulator.start(SimulatorOptions.defaults().withPort(0).withClock(new ManualClock(START)));
        this.clock = simulator.manualClock();
        this.demo = DemoSeeder.seedExisting(simulator);
        this.clients = new SimulatorClients(simulator.endpoint());
        this.config = parse(configYaml(simulator.endpoint().toString(), protect.apply(demo, clients),
                extraReplicationYaml));
        SchemaMigrator.migrate(store);
        this.keepOpen = store.getConnection();
        this.jdbi = Jdbi.create(store);
        this.catalog = new RecoveryPointStore(jdbi, clock);
        this.aws = new AwsClients(AwsSettingsMapper.toSettings(config.getAws()));
        restart();
    }

    static ReplicationFixture demo() throws Exception {
        return new ReplicationFixture("""
                  - {id: web, kind: ec2-instance, resourceId: %s, rpoTargetSeconds: 900}
                  - {id: web-data, kind: ebs-volume, resourceId: %s, rpoTargetSeconds: 900}
                  - {id: shop-db, kind: rds-instance, resourceId: shop-db, rpoTargetSeconds: 3600}
                  - {id: shop-db-replica, kind: rds-replica, resourceId: shop-db-replica, rpoTargetSeconds: 60}
                """, "");
    }

    static DataSource freshH2() throws Exception {
        Path dir = Files.createTempDirectory(Files.createDirectories(Path.of("target")), "replication-");
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:" + dir.toAbsolutePath().resolve("drc") + ";AUTO_SERVER=FALSE");
        h2.setUser("sa");
        return h2;
    }

    /** A new incarnation of the fixture's daemon (same node id): what the previous one held is free at once. */
    void restart() {
        self = member("fixture-daemon");
        wiring = ReplicationWiring.build(config, jdbi, catalog, aws, workers, self, clock);
        reconcileAlarms();
    }

    /** The fixture's daemon wired anew on {@code workers} (DrcApplication hands it Dropwizard's executor). */
    ReplicationWiring daemonWith(ExecutorService daemonWorkers) {
        wiring = ReplicationWiring.build(config, jdbi, catalog, aws, daemonWorkers, self, clock);
        return wiring;
    }

    /** What the daemon's alarm thread does in its interval's pass, here at once and without pacing. */
    AlarmReconciler.Pass reconcileAlarms() {
        try {
            return alarms(self).reconcile();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The alarm reconciler of the daemon that is {@code member}, without pacing. */
    AlarmReconciler alarms(ClusterMembership member) {
        return new AlarmReconciler(aws, wiring.context(), AlarmReconciler.Pacer.none(), alarmInterval(), member, true);
    }

    /** replication.reconcileInterval: the interval of the alarm passes. */
    Duration alarmInterval() {
        return config.getReplication().reconcileInterval().toJavaDuration();
    }

    /** A second daemon on the same database and simulator: its own workers and its own node. */
    ReplicationWiring anotherDaemon() {
        ExecutorService ownWorkers = Executors.newFixedThreadPool(4);
        otherWorkers.add(ownWorkers);
        return ReplicationWiring.build(config, jdbi, new RecoveryPointStore(jdbi, clock), aws, ownWorkers,
                member("fixture-daemon-" + (otherWorkers.size() + 1)), clock);
    }

    private ClusterMembership member(String nodeId) {
        ClusterMembership membership = TestNodes.member(jdbi, nodeId, clock);
        membership.start();
        members.add(membership);
        return membership;
    }

    /**
     * Renews every daemon's heartbeat at the manual clock's now: daemons whose ticks the test releases together see
     * each other alive, as their heartbeat threads keep them in real time.
     */
    void beatAll() {
        members.forEach(ClusterMembership::beat);
    }

    /** Ticks, then moves the clock a step, until {@code done} or the rounds run out; true if done. */
    boolean runUntil(BooleanSupplier done, int maxRounds) {
        for (int i = 0; i < maxRounds; i++) {
            wiring.ticker().tick();
            if (done.getAsBoolean()) {
                return true;
            }
            clock.advance(STEP);
        }
        return false;
    }

    /**
     * The tests' configuration. Replication is scheduled by cron alone unless {@code extraReplication} says
     * otherwise: these tests start cycles themselves and count what each does; deadline scheduling would start
     * more of its own as the simulated hours pass (DeadlineSchedulingTest covers it).
     */
    public static String configYaml(String endpoint, String protect, String extraReplication) {
        String replication = extraReplication.contains("scheduling:") ? extraReplication
                : "  scheduling: cron\n" + extraReplication;
        String defaults = Stream.of("defaultRetention: {keepLast: 3}", "pollInterval: 15s", "measureInterval: 1s",
                        "reconcileInterval: 10m")
                .filter(line -> !extraReplication.contains(line.substring(0, line.indexOf(':') + 1)))
                .map(line -> "  " + line + "\n").collect(Collectors.joining());
        return """
                application: shop
                primaryRegion: us-east-1
                drRegion: us-west-2
                aws:
                  endpoint: %s
                  credentials: {type: static, accessKeyId: test, secretAccessKey: test}
                  retry: {mode: standard, maxAttempts: 2}
                  apiCallTimeout: 10s
                protect:
                %s
                replication:
                %s%s
                recovery:
                  dns: {hostedZoneId: Z1, recordName: shop.example.com., ttl: 60}
                  regions:
                    us-east-1: {launchTemplates: [web-lt], dnsSetIdentifier: primary, database: {instanceId: shop-db}}
                    us-west-2: {launchTemplates: [web-lt], dnsSetIdentifier: dr, database: {instanceId: shop-db-replica}}
                strategy: {type: pilot-light, rtoTargetSeconds: 1800}
                auth:
                  tokens: [{name: op, token: test-operator-token, role: operator}]
                """.formatted(endpoint, protect, defaults, replication);
    }

    public static DrcConfiguration parse(String yaml) throws Exception {
        ObjectMapper mapper = Jackson.newObjectMapper();
        return new YamlConfigurationFactory<>(DrcConfiguration.class, null, mapper, "dw")
                .build(path -> new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)), "test.yml");
    }

    @Override
    public void close() {
        workers.shutdownNow();
        otherWorkers.forEach(ExecutorService::shutdownNow);
        for (ClusterMembership member : members) {
            try {
                member.stop();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        aws.close();
        simulator.close();
        try {
            keepOpen.close();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
