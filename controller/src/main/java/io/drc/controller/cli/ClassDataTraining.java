package io.drc.controller.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Records the classes the daemon loads from start-up to its first measured copy into a class-data sharing archive:
 * a JVM started with {@code -XX:SharedArchiveFile=<archive>} maps them instead of loading, verifying and linking
 * each one from the jar (on 2 cores, the demo answers in ~8 s instead of ~12). The training daemon is this jar's
 * {@code server}, run in a child JVM that writes the archive when it exits, on the demo's application and embedded
 * simulator ({@code cds/training.yml}) with ports and a directory of its own, so it touches nothing of a real
 * installation. The JVM refuses an archive made by another JDK or for another jar (it warns and loads classes as
 * usual), so the archive is made where it is used, once per jar and JDK.
 */
final class ClassDataTraining {
    /** From the child's start to a measured recovery point; the demo's copies take seconds at its time scale. */
    static final Duration DEADLINE = Duration.ofMinutes(3);
    /** The child writes the archive when it exits; ~150 MB take seconds. */
    static final Duration EXIT_WAIT = Duration.ofMinutes(2);
    private static final Duration POLL = Duration.ofMillis(250);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path jar;
    private final Path archive;

    ClassDataTraining(Path jar, Path archive) {
        this.jar = jar;
        this.archive = archive;
    }

    /** What a training run did: the archive's size and how long it took, or why there is no archive. */
    record Outcome(boolean written, long bytes, Duration took, String detail) {}

    /**
     * Runs the training daemon until it has measured a copy, stops it and moves its archive into place (the one
     * already there stays if training fails). The daemon's log is kept in the outcome's detail when it fails.
     */
    Outcome run() throws IOException, InterruptedException {
        Instant started = Instant.now();
        Path dir = Files.createTempDirectory("drc-cds-");
        try {
            Path partial = dir.resolve("drc.jsa");
            Path log = dir.resolve("daemon.log");
            Ports ports = Ports.free();
            String token = HexFormat.of().formatHex(randomBytes());
            Path config = dir.resolve("training.yml");
            Files.writeString(config, config(dir, ports, token));
            Process daemon = new ProcessBuilder(command(partial, config)).directory(dir.toFile())
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            Optional<String> failure;
            try {
                failure = exercise(ports, token, daemon);
            } finally {
                daemon.destroy(); // SIGTERM: the JVM writes the archive as it exits
                if (!daemon.waitFor(EXIT_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                    daemon.destroyForcibly().waitFor();
                    failure = Optional.of("the training daemon did not exit within " + EXIT_WAIT
                            + " of SIGTERM (killed; what it wrote of the archive is discarded)");
                }
            }
            Duration took = Duration.between(started, Instant.now());
            if (failure.isEmpty() && !Files.isRegularFile(partial)) {
                failure = Optional.of("the training daemon exited (code " + daemon.exitValue() + ") without writing "
                        + "the archive");
            }
            if (failure.isPresent()) {
                return new Outcome(false, 0, took, failure.get() + "; its log ends:\n" + tail(log));
            }
            // the temporary directory may be on another file system: copy beside the archive, then rename over it
            Path beside = archive.resolveSibling(archive.getFileName() + ".partial");
            Files.copy(partial, beside, StandardCopyOption.REPLACE_EXISTING);
            Files.move(beside, archive, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return new Outcome(true, Files.size(archive), took, "");
        } finally {
            deleteRecursively(dir);
        }
    }

    List<String> command(Path partialArchive, Path config) {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.add("-XX:ArchiveClassesAtExit=" + partialArchive);
        command.addAll(List.of("-jar", jar.toString(), "server", config.toString()));
        return command;
    }

    static String config(Path dir, Ports ports, String token) throws IOException {
        try (InputStream template = ClassDataTraining.class.getResourceAsStream("/cds/training.yml")) {
            if (template == null) {
                throw new IOException("cds/training.yml is missing from the jar");
            }
            return new String(template.readAllBytes(), StandardCharsets.UTF_8)
                    .replace("%SIMULATOR_PORT%", Integer.toString(ports.simulator()))
                    .replace("%PORT%", Integer.toString(ports.application()))
                    .replace("%ADMIN_PORT%", Integer.toString(ports.admin()))
                    .replace("%DIR%", dir.toAbsolutePath().toString())
                    .replace("%TOKEN%", token);
        }
    }

    /**
     * Waits for a status with a measured, compliant resource (the catalog, a copy, a measurement: the path to the
     * first copy), then reads the other pages on-call opens first, so their classes are recorded too.
     */
    private static Optional<String> exercise(Ports ports, String token, Process daemon) throws InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        String api = "http://127.0.0.1:" + ports.application();
        Instant deadline = Instant.now().plus(DEADLINE);
        while (Instant.now().isBefore(deadline)) {
            Optional<JsonNode> status = get(http, api + "/api/v1/status", token).map(ClassDataTraining::json);
            if (status.isPresent() && status.get().path("summary").path("compliant").asInt() > 0) {
                for (String path : List.of("/", "/api/v1/status?compliant=false&limit=100", "/api/v1/recovery-points",
                        "/api/v1/executions", "/api/v1/cluster", "/api/v1/openapi.json")) {
                    get(http, api + path, token);
                }
                get(http, "http://127.0.0.1:" + ports.admin() + "/healthcheck", token);
                return Optional.empty();
            }
            // the pause between looks is a wait for the daemon's exit, so a daemon that dies is reported at once
            if (daemon.waitFor(POLL.toMillis(), TimeUnit.MILLISECONDS)) {
                return Optional.of("the training daemon exited early (code " + daemon.exitValue() + ")");
            }
        }
        return Optional.of("no measured copy within " + DEADLINE);
    }

    private static Optional<String> get(HttpClient http, String url, String token) throws InterruptedException {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url))
                    .header("Authorization", "Bearer " + token).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 ? Optional.of(response.body()) : Optional.empty();
        } catch (IOException notYet) {
            return Optional.empty();
        }
    }

    private static JsonNode json(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] randomBytes() {
        byte[] bytes = new byte[16];
        new SecureRandom().nextBytes(bytes);
        return bytes;
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
        } catch (IOException e) {
            return "(log unreadable: " + e.getMessage() + ")";
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }

    /** Three loopback ports free when asked (the daemon binds them a moment later). */
    record Ports(int simulator, int application, int admin) {
        static Ports free() throws IOException {
            try (ServerSocket a = new ServerSocket(0); ServerSocket b = new ServerSocket(0);
                 ServerSocket c = new ServerSocket(0)) {
                return new Ports(a.getLocalPort(), b.getLocalPort(), c.getLocalPort());
            }
        }
    }
}
