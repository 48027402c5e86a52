package io.drc.controller.testing;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real, throwaway PostgreSQL server on a free loopback port, for store tests.
 *
 * <p>PostgreSQL refuses to run as root ("initdb: error: cannot be run as root"), and tests here
 * run as root. So when the JVM is root, the cluster directory is handed to {@code nobody} and
 * initdb/pg_ctl run through {@code runuser -u nobody --} (or {@code setpriv} where runuser is
 * missing). Anything that goes wrong fails loudly with the command's output and the server log.
 */
public final class PostgresServer implements AutoCloseable {
    private static final String UNPRIVILEGED_USER = "nobody";
    private static final String SUPERUSER = "postgres";
    private static final long COMMAND_TIMEOUT_SECONDS = 120;

    private final Path bin;
    private final Path home;
    private final int port;
    private final AtomicInteger databases = new AtomicInteger();

    private PostgresServer(Path bin, Path home, int port) {
        this.bin = bin;
        this.home = home;
        this.port = port;
    }

    public static PostgresServer start() {
        try {
            Path bin = PostgresBinaries.locate();
            Path home = Files.createTempDirectory("drc-postgres-");
            PostgresServer server = new PostgresServer(bin, home, freePort());
            server.initAndStart();
            return server;
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException("PostgreSQL could not start: " + e, e);
        }
    }

    private void initAndStart() throws IOException, InterruptedException {
        if (isRoot()) {
            handToUnprivilegedUser(home);
        }
        run(List.of(bin.resolve("initdb").toString(), "-D", dataDir(), "-U", SUPERUSER, "-A", "trust",
                "-E", "UTF8", "--no-locale", "--no-sync"));
        String options = "-p " + port + " -h 127.0.0.1 -k " + home
                + " -c fsync=off -c synchronous_commit=off -c full_page_writes=off";
        run(List.of(bin.resolve("pg_ctl").toString(), "-D", dataDir(), "-l", logFile().toString(),
                "-o", options, "-w", "-t", "60", "start"));
    }

    /** Creates an empty database and returns its JDBC URL (user {@value SUPERUSER}, no password). */
    public String createDatabase() {
        String name = "drc_test_" + databases.incrementAndGet();
        try (Connection connection = DriverManager.getConnection(jdbcUrl("postgres"), SUPERUSER, "")) {
            connection.createStatement().execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("could not create database " + name + ": " + e.getMessage(), e);
        }
        return jdbcUrl(name);
    }

    public String user() {
        return SUPERUSER;
    }

    private String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    @Override
    public void close() throws IOException, InterruptedException {
        try {
            run(List.of(bin.resolve("pg_ctl").toString(), "-D", dataDir(), "-m", "immediate", "-w", "stop"));
        } finally {
            deleteRecursively(home);
        }
    }

    private String dataDir() {
        return home.resolve("data").toString();
    }

    private Path logFile() {
        return home.resolve("postgres.log");
    }

    private void run(List<String> command) throws IOException, InterruptedException {
        List<String> full = new ArrayList<>(isRoot() ? dropPrivileges() : List.of());
        full.addAll(command);
        Path output = Files.createTempFile("drc-postgres-cmd-", ".log");
        Process process = new ProcessBuilder(full)
                .directory(home.toFile())
                .redirectErrorStream(true)
                .redirectOutput(output.toFile())
                .start();
        boolean finished = process.waitFor(COMMAND_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        String text = Files.readString(output, StandardCharsets.UTF_8);
        Files.deleteIfExists(output);
        if (!finished) {
            process.destroyForcibly();
        }
        if (!finished || process.exitValue() != 0) {
            throw new IllegalStateException("PostgreSQL command failed: " + String.join(" ", full)
                    + (finished ? " (exit " + process.exitValue() + ")" : " (timed out)")
                    + "\n--- output ---\n" + text + "\n--- server log ---\n" + serverLog());
        }
    }

    private String serverLog() {
        try {
            return Files.exists(logFile()) ? Files.readString(logFile()) : "(none)";
        } catch (IOException e) {
            return "(unreadable: " + e.getMessage() + ")";
        }
    }

    private static List<String> dropPrivileges() {
        for (String runuser : List.of("/usr/sbin/runuser", "/sbin/runuser", "/usr/bin/runuser")) {
            if (Files.isExecutable(Path.of(runuser))) {
                return List.of(runuser, "-u", UNPRIVILEGED_USER, "--");
            }
        }
        for (String setpriv : List.of("/usr/bin/setpriv", "/bin/setpriv")) {
            if (Files.isExecutable(Path.of(setpriv))) {
                return List.of(setpriv, "--reuid=" + UNPRIVILEGED_USER, "--regid=" + UNPRIVILEGED_USER,
                        "--clear-groups", "--");
            }
        }
        throw new IllegalStateException("running as root, and neither runuser nor setpriv is available to run "
                + "PostgreSQL as " + UNPRIVILEGED_USER + " (PostgreSQL refuses to run as root)");
    }

    private static void handToUnprivilegedUser(Path dir) throws IOException {
        var lookup = dir.getFileSystem().getUserPrincipalLookupService();
        UserPrincipal user = lookup.lookupPrincipalByName(UNPRIVILEGED_USER);
        Files.setOwner(dir, user);
    }

    private static boolean isRoot() {
        return new com.sun.security.auth.module.UnixSystem().getUid() == 0;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static void deleteRecursively(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (var paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
