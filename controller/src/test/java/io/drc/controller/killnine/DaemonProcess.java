package io.drc.controller.killnine;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The packaged daemon ({@code controller/target/drc.jar server <config>}) as a child process: started, waited
 * for until its API answers, and killed with SIGKILL. Its output goes to one log file per start under
 * {@code target/killnine/}, for diagnosis.
 */
final class DaemonProcess {
    /** What a JVM killed by SIGKILL exits with on Linux: 128 + 9. */
    static final int SIGKILL_EXIT = 137;
    /**
     * A deadline, not a wait: two daemons starting together at load ~29 on 2 cores (two ITs at a time beside other
     * builds) took more than 90 s to answer.
     */
    private static final Duration START_DEADLINE = Duration.ofSeconds(150);

    private final Path jar;
    private final Path workDir;
    /** Put before the java command, e.g. {@code nice -n 10}. */
    private final List<String> prefix;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private volatile Process process;
    private volatile boolean ready;
    private volatile boolean killed;
    private final List<Integer> killExits = new java.util.concurrent.CopyOnWriteArrayList<>();
    private int starts;

    DaemonProcess(Path jar, Path workDir) {
        this(jar, workDir, List.of());
    }

    /** {@code prefix}: a command the JVM runs under, e.g. {@code List.of("nice", "-n", "10")}; empty for none. */
    DaemonProcess(Path jar, Path workDir, List<String> prefix) {
        this.prefix = List.copyOf(prefix);
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " does not exist: these tests run the packaged daemon; run them with "
                    + "`mvn verify` (the jar is built in the package phase, before integration-test)");
        }
        this.jar = jar;
        this.workDir = workDir;
    }

    /** Starts the daemon with {@code config} and returns once {@code readyUrl} answers 200 with {@code token}. */
    void start(Path config, URI readyUrl, String token) {
        if (process != null && !exited(process)) {
            throw new IllegalStateException("the daemon is still running (pid " + process.pid() + ")");
        }
        starts++;
        Path log = workDir.resolve("daemon-" + starts + ".log");
        String java = ProcessHandle.current().info().command().orElse("java");
        try {
            List<String> command = new java.util.ArrayList<>(prefix);
            command.addAll(List.of(java, "-Xmx384m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1"));
            // the class-data archive mvn package trains beside the jar: each start ~2-5 s sooner on 2 cores
            Path archive = jar.resolveSibling("drc.jsa");
            if (Files.isRegularFile(archive)) {
                command.add("-XX:SharedArchiveFile=" + archive);
            }
            command.addAll(List.of("-jar", jar.toString(), "server", config.toString()));
            process = new ProcessBuilder(command)
                    .directory(workDir.toFile()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + jar, e);
        }
        killed = false;
        if (awaitReady(readyUrl, token, log)) {
            synchronized (this) {
                ready = !killed;
            }
        }
    }

    /** True once the daemon answers; false if a kill point took it down while it was starting. */
    private boolean awaitReady(URI url, String token, Path log) {
        Instant deadline = Instant.now().plus(START_DEADLINE);
        HttpRequest request = HttpRequest.newBuilder(url).header("Authorization", "Bearer " + token)
                .timeout(Duration.ofSeconds(2)).GET().build();
        while (true) {
            if (killed) {
                return false;
            }
            if (!process.isAlive()) {
                throw new IllegalStateException("the daemon exited with " + process.exitValue() + " while starting; "
                        + "its log " + log + ":\n" + tail(log));
            }
            try {
                if (http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return true;
                }
            } catch (IOException notYetListening) {
                // still starting: poll again
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("the daemon did not answer " + url + " within " + START_DEADLINE
                        + "; its log " + log + ":\n" + tail(log));
            }
            pause(100);
        }
    }

    /**
     * Kills the daemon with SIGKILL ({@link Process#destroyForcibly} sends SIGKILL on Linux; the exit status
     * proves it) and waits until it is gone — also while it is still starting, since its runner works before its
     * API answers. Returns false when there was no running daemon to kill.
     */
    synchronized boolean kill9() {
        Process running = process;
        if (running == null || killed || !running.isAlive()) {
            return false;
        }
        ready = false;
        killed = true;
        running.destroyForcibly();
        try {
            if (!running.waitFor(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the daemon (pid " + running.pid() + ") survived SIGKILL for 30 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        killExits.add(running.exitValue());
        return true;
    }

    /**
     * Sends {@code SIGSTOP} or {@code SIGCONT}: a stopped JVM is a daemon frozen as a long GC pause or a starved VM
     * freezes it — its heartbeat stops, and so does everything else, until it is continued.
     */
    void signal(String signal) {
        Process running = process;
        if (running == null || !running.isAlive()) {
            throw new IllegalStateException("no running daemon to send SIG" + signal + " to");
        }
        try {
            Process kill = new ProcessBuilder("kill", "-" + signal, String.valueOf(running.pid())).start();
            if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
                throw new IllegalStateException("kill -" + signal + " " + running.pid() + " failed");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A process being killed on another thread is given time to go. */
    private static boolean exited(Process p) {
        try {
            return p.waitFor(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** The exit status of every daemon killed so far: {@value SIGKILL_EXIT} each, if SIGKILL killed them. */
    List<Integer> killExits() {
        return List.copyOf(killExits);
    }

    /** True from the moment the daemon answered until it is killed. */
    boolean ready() {
        return ready && process != null && process.isAlive();
    }

    /** Exited on its own (not killed by these tests): a crash worth the log's tail in the failure message. */
    String crashReport() {
        Process p = process;
        if (p == null || p.isAlive() || killed) {
            return null;
        }
        return "the daemon exited by itself with " + p.exitValue() + ":\n"
                + tail(workDir.resolve("daemon-" + starts + ".log"));
    }

    /** Started and not killed: its process may already call AWS even before it is {@link #ready}. */
    boolean running() {
        Process p = process;
        return p != null && !killed && p.isAlive();
    }

    int starts() {
        return starts;
    }

    void stop() {
        Process p = process;
        if (p != null && p.isAlive()) {
            p.destroyForcibly();
            try {
                p.waitFor(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
        } catch (IOException e) {
            return "(log unreadable: " + e.getMessage() + ")";
        }
    }

    /** Paces polling loops; the loops themselves have deadlines. */
    static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
