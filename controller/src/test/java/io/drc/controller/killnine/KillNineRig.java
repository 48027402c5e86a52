package io.drc.controller.killnine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.drc.simulator.Simulator;
import io.drc.simulator.SimulatorClients;
import io.drc.simulator.SimulatorOptions;
import io.drc.simulator.core.Journal;
import io.drc.simulator.core.ManualClock;
import io.drc.simulator.demo.DemoEnvironment;
import io.drc.simulator.demo.DemoSeeder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/**
 * One test's world for kill -9 tests: a demo-seeded simulator in the test JVM on a {@link ManualClock},
 * the packaged daemon as a child process pointed at it, and kill points — predicates on the simulator's calls
 * that SIGKILL the daemon synchronously, after AWS applied the call and before the daemon hears the answer.
 *
 * <p>The daemon runs on its real clock; simulated time moves only while a daemon is up and ready (a pacing
 * thread advances it by {@link #STEP} every 50 ms), so AWS does not finish work behind a dead daemon's back and
 * each restart lands where the kill left it.
 */
final class KillNineRig implements AutoCloseable {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String OPERATOR = "kill9-operator-token";
    static final String VIEWER = "kill9-viewer-token";

    /** A moment at which the daemon is killed, at most once. */
    record KillPoint(String name, Predicate<Journal.Call> when) { }

    final Simulator simulator = Simulator.start(SimulatorOptions.defaults().withPort(0)
            .withClock(new ManualClock(Instant.now().minus(Duration.ofHours(1)))));
    final DemoEnvironment demo = DemoSeeder.seedExisting(simulator);
    final SimulatorClients aws = new SimulatorClients(simulator.endpoint());
    final Path workDir;
    private final DaemonProcess daemon;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final List<KillPoint> armed = new ArrayList<>();
    private final Set<String> fired = ConcurrentHashMap.newKeySet();
    private final List<String> firedInOrder = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final Journal.Hook killHook;
    private final Thread pacer;
    private volatile boolean closing;
    /** Simulated time per 50 ms of real time while a daemon is up: 20x, fast yet slower than the daemon's polls. */
    private static final Duration STEP = Duration.ofSeconds(1);
    private Path config;
    private int appPort;

    KillNineRig(String name) {
        try {
            workDir = Files.createDirectories(Path.of("target", "killnine", name + "-" + System.currentTimeMillis()))
                    .toAbsolutePath();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        daemon = new DaemonProcess(Path.of("target", "drc.jar").toAbsolutePath(), workDir);
        killHook = simulator.onCall(call -> true, this::maybeKill);
        pacer = new Thread(this::pace, "kill9-simulated-time");
        pacer.setDaemon(true);
        pacer.start();
    }

    /**
     * Arms kill points; each kills the daemon the first time a call matches it while a daemon runs (also while it
     * starts: its runner works before its API answers).
     */
    synchronized void arm(List<KillPoint> points) {
        armed.addAll(points);
    }

    private void maybeKill(Journal.Call call) {
        KillPoint point;
        synchronized (this) {
            point = armed.stream().filter(p -> !fired.contains(p.name()) && p.when().test(call)).findFirst()
                    .orElse(null);
            if (point == null || !daemon.running()) {
                return;
            }
            fired.add(point.name());
            firedInOrder.add(point.name());
        }
        daemon.kill9();
    }

    /** Kills the daemon now (a kill point outside any AWS call); false (and not counted) when none was running. */
    boolean killNow(String name) {
        synchronized (this) {
            if (!daemon.kill9()) {
                return false;
            }
            firedInOrder.add(name);
            return true;
        }
    }

    List<String> killsInOrder() {
        return List.copyOf(firedInOrder);
    }

    /** Writes {@code yaml} (with {@code %APP_PORT%} and {@code %ADMIN_PORT%} filled in) and starts the daemon. */
    void startDaemon(String yaml) {
        appPort = freePort();
        String text = yaml.replace("%APP_PORT%", String.valueOf(appPort))
                .replace("%ADMIN_PORT%", String.valueOf(freePort()));
        try {
            config = Files.writeString(workDir.resolve("config.yml"), text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        restartDaemon();
    }

    /** Starts the daemon again on the same configuration and store (ports chosen afresh). */
    void restartDaemon() {
        daemon.start(config, URI.create("http://127.0.0.1:" + appPort + "/api/v1/executions"), VIEWER);
    }

    /** Exit statuses of the killed daemons (137 = SIGKILL). */
    List<Integer> killExits() {
        return daemon.killExits();
    }

    int daemonStarts() {
        return daemon.starts();
    }

    /** The daemon API's answer, or null while no daemon answers (killed, or killed during the call). */
    Answer call(String method, String path, String token, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + appPort + path))
                .header("Authorization", "Bearer " + token).timeout(Duration.ofSeconds(10));
        request = body == null ? request.method(method, HttpRequest.BodyPublishers.noBody())
                : request.header("Content-Type", "application/json")
                        .method(method, HttpRequest.BodyPublishers.ofString(body));
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return Answer.of(response.statusCode(), response.body());
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** An HTTP answer: its status, its body as JSON (null when empty or not JSON) and as text. */
    record Answer(int status, JsonNode body, String text) {
        static Answer of(int status, String text) {
            JsonNode json;
            try {
                json = text.isEmpty() ? null : JSON.readTree(text);
            } catch (IOException notJson) {
                json = null;
            }
            return new Answer(status, json, text);
        }
    }

    /** What to do while waiting: restart a daemon a kill point took down; fail on a daemon that crashed. */
    void keepDaemonUp() {
        String crash = daemon.crashReport();
        if (crash != null) {
            throw new AssertionError(crash);
        }
        if (!daemon.ready()) {
            restartDaemon();
        }
    }

    private void pace() {
        while (!closing) {
            if (daemon.ready()) {
                simulator.manualClock().advance(STEP);
            }
            try {
                Thread.sleep(50); // paces simulated time against the daemon's real-time polling; not a wait for a result
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        closing = true;
        killHook.close();
        daemon.stop();
        simulator.close();
    }
}
