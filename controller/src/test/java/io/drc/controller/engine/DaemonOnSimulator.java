package io.drc.controller.engine;

import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dropwizard.core.Application;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.DropwizardTestSupport;
import io.dropwizard.testing.ResourceHelpers;
import io.drc.controller.DrcApplication;
import io.drc.controller.DrcConfiguration;
import io.drc.controller.testing.OpenApiContract;
import io.drc.simulator.Simulator;
import io.drc.simulator.SimulatorClients;
import io.drc.simulator.SimulatorOptions;
import io.drc.simulator.core.ManualClock;
import io.drc.simulator.demo.DemoEnvironment;
import io.drc.simulator.demo.DemoSeeder;
import jakarta.ws.rs.client.Client;
import jakarta.ws.rs.client.ClientBuilder;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.client.Invocation;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.argument.ObjectArgument;

/**
 * The whole daemon against the simulator over HTTP: a demo-seeded simulator on a free port and a manual clock
 * that both the simulator and the daemon read, so a test moves AWS and the engine forward together.
 */
public final class DaemonOnSimulator implements AutoCloseable {
    public static final ObjectMapper JSON = new ObjectMapper();
    public static final String OPERATOR = "test-operator-token";
    public static final String VIEWER = "test-viewer-token";
    /** The demo's configuration as shipped ({@link #startDemo}). */
    public static final String DEMO_CONFIG = Path.of("..", "config", "demo.yml").toAbsolutePath().toString();
    /** config/demo.yml's one token (an operator's) when DRC_TOKEN is not set. */
    public static final String DEMO_TOKEN = System.getenv().getOrDefault("DRC_TOKEN", "drc-demo-operator-token");
    /** A Quartz schedule that never fires (as ReplicationFixture.NEVER). */
    public static final String NEVER = "0 0 0 1 1 ? 2099";

    public final Simulator simulator;
    public final DemoEnvironment demo;
    public final SimulatorClients aws;
    public final String databaseUrl = "jdbc:h2:" + tempDir().resolve("drc") + ";AUTO_SERVER=FALSE";
    /** The daemon's store, read by the test in the same JVM (H2 shares one open database per URL). */
    private final Jdbi store = Jdbi.create(databaseUrl, "sa", "");
    /** Every /api/v1 response it receives is checked against the OpenAPI document (OpenApiContract). */
    private final Client http = ClientBuilder.newClient().register(OpenApiContract.filter());
    private DropwizardTestSupport<DrcConfiguration> daemon;
    private boolean replication;
    private boolean rtoAlarms;
    /** The tokens this fixture's own calls send: test-config.yml's, or the demo's one token ({@link #startDemo}). */
    private String viewerToken = VIEWER;
    private String operatorToken = OPERATOR;
    private java.util.Map<String, String> overridesBefore = java.util.Map.of();

    public DaemonOnSimulator() {
        this(1.0);
    }

    /** {@code timeScale} multiplies the simulator's default operation durations. */
    public DaemonOnSimulator(double timeScale) {
        simulator = Simulator.start(SimulatorOptions.defaults().withPort(0).withTimeScale(timeScale)
                .withClock(new ManualClock(Instant.parse("2026-03-01T00:00:00Z"))));
        demo = DemoSeeder.seedExisting(simulator);
        aws = new SimulatorClients(simulator.endpoint());
    }

    /**
     * Whether the daemons this starts next replicate in the background. Off by default: recovery tests count
     * mutating calls in the journal, and replication would add its own; off also turns off RTO compliance's
     * metrics and alarms ({@code drills.alarms}) unless {@link #withRtoAlarms} turns them on.
     */
    public DaemonOnSimulator withReplication(boolean on) {
        replication = on;
        return this;
    }

    /**
     * Whether daemons started next without replication keep RTO compliance's metrics and alarms (drills.alarms; off
     * by default, like replication). A key must not be given twice: DropwizardTestSupport applies overrides in no
     * fixed order.
     */
    public DaemonOnSimulator withRtoAlarms(boolean on) {
        rtoAlarms = on;
        return this;
    }

    /** The running daemon's configuration, as parsed with its overrides. */
    public DrcConfiguration configuration() {
        return daemon.getConfiguration();
    }

    /** Starts a daemon on this simulator and store; a second call after {@link #stopDaemon} is a restart. */
    public DaemonOnSimulator startDaemon(ConfigOverride... extra) throws Exception {
        return startDaemon(ResourceHelpers.resourceFilePath("test-config.yml"), extra);
    }

    /**
     * The same with another configuration file, e.g. {@code config/demo.yml}: AWS, the hosted zone and the store
     * are this fixture's whatever the file says (its own simulator must be switched off by {@code extra}).
     */
    public DaemonOnSimulator startDaemon(String configFile, ConfigOverride... extra) throws Exception {
        List<ConfigOverride> overrides = new ArrayList<>(List.of(
                ConfigOverride.config("aws.endpoint", simulator.endpoint().toString()),
                ConfigOverride.config("aws.retry.maxAttempts", "3"),
                ConfigOverride.config("recovery.dns.hostedZoneId", demo.hostedZoneId()),
                ConfigOverride.config("database.url", databaseUrl)));
        if (!replication) {
            overrides.add(ConfigOverride.config("replication.enabled", "false"));
            // nor RTO compliance's metrics and alarms, which a daemon without replication would keep on its own
            overrides.add(ConfigOverride.config("drills.alarms", String.valueOf(rtoAlarms)));
        }
        overrides.addAll(List.of(extra));
        daemon = new DropwizardTestSupport<>(DrcApplication.class, configFile, overrides.toArray(ConfigOverride[]::new)) {
            @Override
            public Application<DrcConfiguration> newApplication() {
                return new DrcApplication(System.out, simulator.manualClock());
            }
        };
        overridesBefore = dropwizardOverrides();
        daemon.before();
        return this;
    }

    /**
     * Starts a daemon on {@code config/demo.yml} as shipped, overriding only what a test must: the file's own
     * simulator off (this fixture's instead), free ports, and the schedules that fire on the wall clock (Quartz)
     * never firing mid-test, so every cycle and drill is one the test asked for. {@code more} comes last and wins.
     */
    public DaemonOnSimulator startDemo(ConfigOverride... more) throws Exception {
        List<ConfigOverride> overrides = new ArrayList<>(List.of(
                ConfigOverride.config("simulator.enabled", "false"),
                ConfigOverride.config("server.applicationConnectors[0].port", "0"),
                ConfigOverride.config("server.adminConnectors[0].port", "0"),
                ConfigOverride.config("drills.schedule", NEVER),
                ConfigOverride.config("replication.defaultSchedule", NEVER),
                ConfigOverride.config("replication.scheduling", "cron"), // no predictive start either
                ConfigOverride.config("protect[0].schedule", NEVER),
                ConfigOverride.config("protect[1].schedule", NEVER),
                ConfigOverride.config("engine.pollInterval", "20ms"),
                ConfigOverride.config("logging.level", "WARN")));
        overrides.addAll(List.of(more));
        viewerToken = DEMO_TOKEN;
        operatorToken = DEMO_TOKEN;
        return startDaemon(DEMO_CONFIG, overrides.toArray(ConfigOverride[]::new));
    }

    public void stopDaemon() {
        daemon.after();
        daemon = null;
        restoreOverrides();
    }

    /**
     * ConfigOverride keeps a key's previous value per override, so a key given twice would be left set after the
     * daemon stops and configure every later daemon of this JVM: put the {@code dw.} properties back as they were.
     */
    private void restoreOverrides() {
        dropwizardOverrides().keySet().stream().filter(k -> !overridesBefore.containsKey(k)).forEach(System::clearProperty);
        overridesBefore.forEach(System::setProperty);
    }

    private static java.util.Map<String, String> dropwizardOverrides() {
        java.util.Map<String, String> dw = new java.util.HashMap<>();
        System.getProperties().stringPropertyNames().stream().filter(k -> k.startsWith("dw."))
                .forEach(k -> dw.put(k, System.getProperty(k)));
        return dw;
    }

    /** The running daemon's application port. */
    public int port() {
        return daemon.getLocalPort();
    }

    /** The running daemon's admin port. */
    public int adminPort() {
        return daemon.getAdminPort();
    }

    public Invocation.Builder api(String path, String token) {
        var request = http.target("http://127.0.0.1:" + port() + path).request();
        return token == null ? request : request.header("Authorization", "Bearer " + token);
    }

    /** The demo record's weights by set identifier, as Route 53 holds them now. */
    public java.util.Map<String, Long> weights() {
        return aws.route53().listResourceRecordSets(r -> r.hostedZoneId(demo.hostedZoneId()))
                .resourceRecordSets().stream().filter(s -> s.setIdentifier() != null)
                .collect(java.util.stream.Collectors.toMap(s -> s.setIdentifier(), s -> s.weight()));
    }

    /** The admin port ({@code /healthcheck}, {@code /metrics/prometheus}). */
    public Invocation.Builder admin(String path) {
        return http.target("http://127.0.0.1:" + daemon.getAdminPort() + path).request();
    }

    public Response post(String path, String json) {
        return api(path, operatorToken).post(Entity.entity(json, MediaType.APPLICATION_JSON));
    }

    public JsonNode execution(String id) {
        return body(api("/api/v1/executions/" + id, viewerToken).get());
    }

    /** Moves simulated time in steps until the execution reaches one of {@code statuses}; fails at the deadline. */
    public JsonNode driveUntil(String id, Set<String> statuses) {
        JsonNode[] last = new JsonNode[1];
        driveUntil(Duration.ofSeconds(5), () -> statuses.contains((last[0] = execution(id)).get("status").asText()),
                () -> "execution " + id + " to reach " + statuses + ": " + last[0].toPrettyString());
        return last[0];
    }

    /**
     * Moves simulated time in {@code step}s until {@code done}; fails naming {@code what} after 90 s of wall time.
     * Time moves on only once the runner has claimed every work item due: a step that a busy machine let wait
     * unclaimed would otherwise find its TimeoutSeconds or its lease used up by the steps taken meanwhile
     * (FenceFailedRegion has 60 s: twelve steps of 5 s). A slow machine slows the test down; it does not fail it.
     */
    public void driveUntil(Duration step, java.util.function.BooleanSupplier done, java.util.function.Supplier<String> what) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(90));
        while (!done.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                fail("waited 90 s for " + what.get());
            }
            if (!runnerBehind()) {
                simulator.manualClock().advance(step);
            }
            pause();
        }
    }

    /**
     * Whether a running daemon has work items due now that nobody has claimed yet. Claimed items do not count:
     * the daemon is at work on them, or (a test's "killed daemon") the daemon takes them over at its next poll.
     * Without a daemon (preparing the simulator before the start) nothing is behind.
     */
    private boolean runnerBehind() {
        if (daemon == null) {
            return false;
        }
        var now = ObjectArgument.of(simulator.manualClock().instant().atOffset(ZoneOffset.UTC),
                Types.TIMESTAMP_WITH_TIMEZONE);
        return store.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM work_items WHERE due_at <= :now"
                + " AND lease_owner IS NULL").bind("now", now).mapTo(Long.class).one()) > 0;
    }

    /** The statuses an execution ends in. */
    public static final Set<String> ENDED = Set.of("SUCCEEDED", "FAILED", "CANCELLED");

    /**
     * POSTs a confirmed failover or fail-back ({@code path}), drives simulated time until it ends and asserts it
     * SUCCEEDED; returns the execution.
     */
    public JsonNode runToSuccess(String path, String confirm) {
        String id = body(post(path, "{\"confirm\": \"" + confirm + "\", \"reason\": \"test\"}")).get("id").asText();
        JsonNode done = driveUntil(id, ENDED);
        org.assertj.core.api.Assertions.assertThat(done.get("status").asText()).as(done.toPrettyString())
                .isEqualTo("SUCCEEDED");
        return done;
    }

    /** GET /api/v1/status. */
    public JsonNode status() {
        return body(api("/api/v1/status", viewerToken).get());
    }

    /** The RTO metric is published just after the recovery point is stored, possibly while the last step runs. */
    public void awaitCall(String action) {
        awaitCall(action, 0);
    }

    /** Waits for a call of {@code action} the journal recorded after {@code afterSeq}. */
    public void awaitCall(String action, long afterSeq) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        while (simulator.journal().select(c -> c.seq() > afterSeq && c.action().equals(action)).isEmpty()) {
            if (Instant.now().isAfter(deadline)) {
                fail("no " + action + " call reached the simulator within 20 s");
            }
            pause();
        }
    }

    /** Lets the runner (polling every 20 ms) look at the store between clock steps. */
    public static void pause() {
        try {
            Thread.sleep(30);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public static JsonNode body(Response response) {
        try {
            return JSON.readTree(response.readEntity(String.class));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path tempDir() {
        try {
            return Files.createTempDirectory(Files.createDirectories(Path.of("target")), "engine-test-").toAbsolutePath();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        if (daemon != null) {
            stopDaemon();
        }
        http.close();
        simulator.close();
    }
}
