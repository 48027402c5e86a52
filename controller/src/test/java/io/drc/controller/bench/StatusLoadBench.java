package io.drc.controller.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.drc.simulator.Simulator;
import io.drc.simulator.SimulatorClients;
import io.drc.simulator.SimulatorOptions;
import io.drc.simulator.core.Journal;
import io.drc.simulator.core.Timings;
import java.io.IOException;
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
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.ec2.Ec2Client;

/**
 * Not a test: the packaged daemon ({@code controller/target/drc.jar}, built by {@code mvn package}) protecting N EBS
 * volumes (10,000 by default) against an in-process simulator on the wall clock (durations × 0.01 by default, or
 * {@code -Dbench.statusTimeScale=1} for AWS's own pace), started with the
 * production JVM flags the README documents. It measures the wall time from the daemon's start to its first copy,
 * then loads {@code GET /api/v1/status} from 16 concurrent clients while the daemon replicates, and prints latency
 * p50/p99/max, the AWS calls made during the load by action (from the simulator's journal), the daemon's RSS, its H2
 * file, and whether it shuts down cleanly on SIGTERM.
 * Run: {@code mvn -B -q -DskipTests package && mvn -B -q -Pbench -pl controller -am test-compile
 * -Dbench.skipRto=true -Dbench.skipReplication=true -Dbench.skipStatus=false}.
 */
public final class StatusLoadBench {
    /**
     * The flags the README recommends for production: a small heap is plenty (≈ 70 MB live at 10,000 resources), and
     * sized up front (with metaspace's first threshold above what start-up loads) it is never grown by full collections.
     */
    static final List<String> JVM_FLAGS = List.of("-Xms384m", "-Xmx384m", "-XX:MetaspaceSize=128m", "-XX:+UseSerialGC",
            "-XX:MaxMetaspaceSize=160m", "-XX:ReservedCodeCacheSize=64m", "-XX:MaxDirectMemorySize=64m", "-Xss512k");
    static final String TOKEN = "bench-viewer-token";
    static final ObjectMapper JSON = new ObjectMapper();

    public static void main(String[] args) throws Exception {
        // The simulator's JDK HTTP server otherwise waits for delayed ACKs (~40 ms a call; issue 13 point 8 makes
        // this the simulator's default).
        System.setProperty("sun.net.httpserver.nodelay", "true");
        int resources = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        int clients = args.length > 1 ? Integer.parseInt(args[1]) : 16;
        int requestsPerClient = args.length > 2 ? Integer.parseInt(args[2]) : 1000;
        List<String> given = args.length > 3 && !args[3].isBlank() ? List.of(args[3].trim().split("\\s+")) : JVM_FLAGS;
        // 0.01: copies take a hundredth of AWS's time, so the daemon replicates 100 times as much as it would in
        // production while it serves status (a stress); 1.0: AWS's pace.
        double timeScale = args.length > 4 ? Double.parseDouble(args[4]) : 0.01;
        // the paced phase: each client's requests per second (16 dashboards refreshing every second would be 1)
        double paced = args.length > 5 ? Double.parseDouble(args[5]) : 10;
        // after the load: how long the daemon replicates on, its H2 file and AWS calls printed every minute
        int soakMinutes = args.length > 6 ? Integer.parseInt(args[6]) : 0;
        Path jar = Path.of("target", "drc.jar").toAbsolutePath();
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " does not exist: build it first with mvn -B -q -DskipTests package");
        }
        List<String> flags = withClassDataArchive(given, jar.resolveSibling("drc.jsa"));
        Path dir = Files.createTempDirectory(Files.createDirectories(Path.of("target")), "status-bench-").toAbsolutePath();
        try (Simulator simulator = Simulator.start(SimulatorOptions.defaults().withPort(0).withTimeScale(timeScale))) {
            String protect = seed(simulator, resources);
            int port = freePort();
            int adminPort = freePort();
            Path config = dir.resolve("drc.yml");
            Files.writeString(config, yaml(simulator.endpoint().toString(), protect, dir.resolve("drc"), port, adminPort,
                    timeScale));
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
            long firstCopy[] = {0};
            long startNanos = System.nanoTime();
            try (Journal.Hook hook = simulator.journal().onCall(c -> c.action().equals("CopySnapshot") && c.status() == 200,
                    c -> {
                        if (firstCopy[0] == 0) {
                            firstCopy[0] = System.nanoTime();
                        }
                    })) {
                List<String> command = new ArrayList<>();
                command.add(ProcessHandle.current().info().command().orElse("java"));
                command.addAll(flags);
                command.add("-Xlog:gc:file=" + dir.resolve("gc.log"));
                command.addAll(List.of("-jar", jar.toString(), "server", config.toString()));
                Process daemon = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                        .redirectOutput(dir.resolve("daemon.log").toFile()).start();
                // to line up with the daemon's log (its timestamps are the wall clock's)
                System.out.printf("daemon started at %s, log in %s%n", Instant.now(), dir.resolve("daemon.log"));
                try {
                    URI status = URI.create("http://127.0.0.1:" + port + "/api/v1/status");
                    JsonNode first = awaitMeasured(http, status, daemon, Instant.now().plus(Duration.ofMinutes(5)));
                    double ready = (System.nanoTime() - startNanos) / 1e9;
                    awaitFirstCopy(firstCopy, daemon);
                    System.out.printf("%d EBS volumes; daemon answering with a measured status after %.1f s wall, first "
                            + "copy %.1f s after start; summary %s%n", resources, ready,
                            (firstCopy[0] - startNanos) / 1e9, first.get("summary"));
                    warmUp(http, status, simulator, daemon.pid(), clients);
                    background(daemon.pid(), Duration.ofSeconds(10));
                    load(http, status, simulator, daemon.pid(), clients, requestsPerClient, 0, true);
                    load(http, URI.create(status + "?compliant=false&limit=100"), simulator, daemon.pid(), clients,
                            requestsPerClient, 0, true);
                    // 30 s on a schedule: several GC cycles and the replication ticks that come with them
                    load(http, status, simulator, daemon.pid(), clients, (int) Math.round(paced * 30), paced, true);
                    Map<String, Long> memory = memory(daemon.pid());
                    System.out.printf("daemon RSS %d MiB, peak RSS %d MiB, flags %s%n", memory.get("VmRSS") >> 10,
                            memory.get("VmHWM") >> 10, String.join(" ", flags));
                    JsonNode requests = JSON.readTree(http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                            + adminPort + "/metrics")).build(), HttpResponse.BodyHandlers.ofString()).body())
                            .get("timers").get("io.dropwizard.jetty.MutableServletContextHandler.get-requests");
                    if (requests != null) {
                        System.out.printf("daemon-side GET timer (recent, all paths): p50 %.1f ms, p99 %.1f ms, max %.1f ms%n",
                                requests.get("p50").asDouble() * 1000, requests.get("p99").asDouble() * 1000,
                                requests.get("max").asDouble() * 1000);
                    }
                    soak(simulator, dir.resolve("drc.mv.db"), soakMinutes, startNanos);
                    printPauses(dir.resolve("gc.log"));
                    System.out.printf("H2 file after %.0f s: %.1f MB%n", (System.nanoTime() - startNanos) / 1e9,
                            Files.size(dir.resolve("drc.mv.db")) / 1e6);
                } finally {
                    long stopNanos = System.nanoTime();
                    daemon.destroy(); // SIGTERM: Dropwizard stops its managed objects in reverse order
                    boolean exited = daemon.waitFor(60, TimeUnit.SECONDS);
                    List<String> errors = Files.readAllLines(dir.resolve("daemon.log")).stream()
                            .filter(line -> line.startsWith("ERROR") || line.contains("Exception")).toList();
                    System.out.printf("SIGTERM: exited %s (code %s) in %.1f s; %d ERROR/exception lines in its log%s%n",
                            exited, exited ? daemon.exitValue() : "-", (System.nanoTime() - stopNanos) / 1e9,
                            errors.size(), errors.isEmpty() ? "" : ", first: " + errors.get(0));
                    if (!exited) {
                        daemon.destroyForcibly();
                    }
                }
            }
        }
    }

    /**
     * The README's production flags include the class-data archive {@code mvn package} trains beside the jar; a run
     * without one (or with {@code -Xshare:off} among the given flags) says so, since start-up is then seconds longer.
     */
    static List<String> withClassDataArchive(List<String> flags, Path archive) {
        if (flags.stream().anyMatch(f -> f.startsWith("-XX:SharedArchiveFile=") || f.equals("-Xshare:off"))) {
            return flags;
        }
        if (!Files.isRegularFile(archive)) {
            System.out.println("no class-data archive at " + archive + ": the daemon starts without one");
            return flags;
        }
        List<String> all = new ArrayList<>(flags);
        all.add("-XX:SharedArchiveFile=" + archive);
        return all;
    }

    static String seed(Simulator simulator, int resources) {
        Timings.DEFAULTS.keySet().forEach(key -> simulator.world().timings().set(key, Duration.ZERO));
        List<String> lines = new ArrayList<>();
        try (Ec2Client ec2 = new SimulatorClients(simulator.endpoint()).ec2("us-east-1")) {
            for (int i = 0; i < resources; i++) {
                String id = ec2.createVolume(r -> r.availabilityZone("us-east-1a").size(20)).volumeId();
                lines.add("  - {id: vol-%05d, kind: ebs-volume, resourceId: %s, rpoTargetSeconds: 1800}".formatted(i, id));
            }
        }
        simulator.world().timings().reset();
        return String.join("\n", lines);
    }

    /**
     * The daemon left to replicate for {@code minutes}, without status requests: every minute, its H2 file and the
     * sources and copies it started in that minute (a schedule's floor must not come as one burst).
     */
    static void soak(Simulator simulator, Path h2File, int minutes, long startNanos) throws Exception {
        long seq = simulator.journal().lastSeq();
        for (int minute = 1; minute <= minutes; minute++) {
            Thread.sleep(Duration.ofMinutes(1).toMillis()); // the wall clock is what the soak measures
            long since = seq;
            Map<String, Long> calls = new TreeMap<>(simulator.journal().select(c -> c.seq() > since
                            && c.status() == 200 && (c.action().equals("CreateSnapshot") || c.action().equals("CopySnapshot")))
                    .stream().collect(Collectors.groupingBy(Journal.Call::action, Collectors.counting())));
            seq = simulator.journal().lastSeq();
            System.out.printf("soak minute %d (%.0f s after start): H2 file %.1f MB; in the minute %s%n", minute,
                    (System.nanoTime() - startNanos) / 1e9, Files.size(h2File) / 1e6, calls);
        }
    }

    /**
     * The daemon's configuration. Its expected durations are the simulator's at {@code timeScale} (60 s snapshots and
     * 3-minute copies at AWS's pace): expecting the ×0.01 durations at AWS's pace, the plan started sources minutes
     * before their slots and looked at every overdue copy every 50 ms until it had learned better.
     */
    static String yaml(String endpoint, String protect, Path db, int port, int adminPort, double timeScale) {
        return """
                application: shop
                primaryRegion: us-east-1
                drRegion: us-west-2
                aws:
                  endpoint: %s
                  credentials: {type: static, accessKeyId: test, secretAccessKey: test}
                  retry: {mode: standard, maxAttempts: 3}
                  apiCallTimeout: 10s
                protect:
                %s
                replication:
                  scheduling: deadline
                  defaultRetention: {keepLast: 2}
                  measureInterval: 15s
                  expectedDurations: {ebsSnapshot: %dms, ebsCopy: %dms}
                recovery:
                  dns: {hostedZoneId: Z0000000000001, recordName: shop.example.com., ttl: 60}
                  regions:
                    us-east-1:
                      autoScalingGroups: [{name: web, standby: 4, fullLoad: 4, max: 8}]
                      targetGroups: [web-tg]
                      database: {instanceId: shop-db}
                      dnsSetIdentifier: primary
                    us-west-2:
                      autoScalingGroups: [{name: web, standby: 0, fullLoad: 4, max: 8}]
                      targetGroups: [web-tg]
                      database: {instanceId: shop-db-replica}
                      dnsSetIdentifier: dr
                strategy: {type: pilot-light, rtoTargetSeconds: 1800}
                auth:
                  tokens:
                    - {name: viewer, token: %s, role: viewer}
                database:
                  driverClass: org.h2.Driver
                  url: "jdbc:h2:%s;AUTO_SERVER=FALSE;WRITE_DELAY=0"
                  user: sa
                  password: ""
                server:
                  applicationConnectors: [{type: http, port: %d, bindHost: 127.0.0.1}]
                  adminConnectors: [{type: http, port: %d, bindHost: 127.0.0.1}]
                logging:
                  level: WARN
                """.formatted(endpoint, protect, Math.round(60_000 * timeScale), Math.round(180_000 * timeScale), TOKEN,
                db, port, adminPort);
    }

    static JsonNode awaitMeasured(HttpClient http, URI status, Process daemon, Instant deadline) throws Exception {
        while (Instant.now().isBefore(deadline)) {
            if (!daemon.isAlive()) {
                throw new IllegalStateException("the daemon exited with " + daemon.exitValue());
            }
            try {
                HttpResponse<String> response = http.send(request(status), HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200) {
                    JsonNode body = JSON.readTree(response.body());
                    if (!body.get("summary").get("measuredAt").isNull()) {
                        return body;
                    }
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("no measured status before " + deadline);
    }

    static void awaitFirstCopy(long[] firstCopy, Process daemon) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofMinutes(5));
        while (firstCopy[0] == 0 && daemon.isAlive() && Instant.now().isBefore(deadline)) {
            Thread.sleep(100);
        }
    }

    static HttpRequest request(URI uri) {
        return HttpRequest.newBuilder(uri).header("Authorization", "Bearer " + TOKEN).timeout(Duration.ofSeconds(30))
                .GET().build();
    }

    /**
     * {@code clients} threads, each sending {@code requests}; prints the latencies. {@code perClientPerSecond} 0: each
     * client sends its next request when the last one is answered (closed loop: the machine's throughput, and a
     * latency that is mostly queueing once the cores are saturated). Above 0: each client sends on a fixed schedule
     * (staggered across clients) and a request's latency counts from when it was due, not when it went out, so a
     * stalled daemon is charged for every request it delayed (no coordinated omission).
     */
    static void load(HttpClient http, URI uri, Simulator simulator, long pid, int clients, int requests,
                     double perClientPerSecond, boolean print) throws Exception {
        double cpuBefore = cpuSeconds(pid);
        Map<String, Double> threadsBefore = threadCpuSeconds(pid);
        String loadBefore = loadAverage();
        List<Double> millis = Collections.synchronizedList(new ArrayList<>());
        Map<String, Long> calls = new ConcurrentHashMap<>();
        long bytes[] = {0};
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        long start = System.nanoTime();
        try (Journal.Hook hook = simulator.journal().onCall(c -> true, c -> calls.merge(c.action(), 1L, Long::sum))) {
            List<Future<?>> running = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                long period = perClientPerSecond > 0 ? Math.round(1e9 / perClientPerSecond) : 0;
                long offset = period * c / clients;
                running.add(pool.submit(() -> {
                    for (int i = 0; i < requests; i++) {
                        long t = period == 0 ? System.nanoTime() : start + offset + i * period;
                        while (System.nanoTime() < t) {
                            LockSupport.parkNanos(t - System.nanoTime());
                        }
                        HttpResponse<String> response = http.send(request(uri), HttpResponse.BodyHandlers.ofString());
                        millis.add((System.nanoTime() - t) / 1e6);
                        if (response.statusCode() != 200) {
                            throw new IllegalStateException(response.statusCode() + ": " + response.body());
                        }
                        synchronized (bytes) {
                            bytes[0] += response.body().length();
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : running) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        double cpu = cpuSeconds(pid) - cpuBefore;
        if (!print) {
            return;
        }
        List<Double> sorted = new ArrayList<>(millis);
        Collections.sort(sorted);
        int n = sorted.size();
        System.out.printf("GET %s: %d requests from %d clients %s in %.1f s (%.0f/s), %.0f KB each; latency ms p50 "
                        + "%.1f, p99 %.1f, max %.1f%n", uri.getPath() + (uri.getQuery() == null ? "" : "?" + uri.getQuery()), n,
                clients, perClientPerSecond > 0 ? "each sending %.0f/s on a schedule".formatted(perClientPerSecond)
                        : "each sending as soon as answered", seconds, n / seconds, bytes[0] / 1024.0 / n, ReplicationBench.percentile(sorted, 0.5),
                ReplicationBench.percentile(sorted, 0.99), sorted.get(n - 1));
        // Latency on a shared machine measures the machine's load as much as drc: the daemon's CPU per request
        // (its background replication included) and the load average say how much of it is drc's own work.
        System.out.printf("  daemon CPU %.1f s during the load: %.2f ms per request (replication included); load "
                + "average before / after: %s / %s%n", cpu, cpu * 1000 / n, loadBefore, loadAverage());
        System.out.printf("  daemon CPU by thread (s): %s%n", busiest(threadsBefore, threadCpuSeconds(pid)));
        System.out.printf("  AWS calls meanwhile (the daemon replicates in the background): %s; DescribeAvailabilityZones "
                + "per status request: %.4f%n", new TreeMap<>(calls),
                calls.getOrDefault("DescribeAvailabilityZones", 0L) / (double) n);
    }

    /**
     * Closed-loop rounds until the JIT has compiled what status and replication run (its compiler threads below 5 % of
     * a core over a round; 5 minutes at most): a daemon runs for weeks, and its first minute's compilations (several
     * seconds of CPU at 10,000 resources) are not what a dashboard meets.
     */
    static void warmUp(HttpClient http, URI status, Simulator simulator, long pid, int clients) throws Exception {
        long start = System.nanoTime();
        double compiling;
        do {
            double before = compilerSeconds(pid);
            long round = System.nanoTime();
            load(http, status, simulator, pid, clients, 100, 0, false);
            compiling = (compilerSeconds(pid) - before) / ((System.nanoTime() - round) / 1e9);
        } while (compiling >= 0.05 && System.nanoTime() - start < TimeUnit.MINUTES.toNanos(5));
        System.out.printf("warm-up: %.0f s of closed-loop rounds until the JIT compilers used %.1f%% of a core%n",
                (System.nanoTime() - start) / 1e9, compiling * 100);
    }

    static double compilerSeconds(long pid) throws IOException {
        return threadCpuSeconds(pid).entrySet().stream().filter(e -> e.getKey().contains("CompilerThre"))
                .mapToDouble(Map.Entry::getValue).sum();
    }

    /** What the daemon costs without status requests: its replication (and start-up backlog) in the background. */
    static void background(long pid, Duration window) throws Exception {
        double cpuBefore = cpuSeconds(pid);
        Map<String, Double> threadsBefore = threadCpuSeconds(pid);
        Thread.sleep(window.toMillis());
        System.out.printf("no status requests for %d s: daemon CPU %.2f cores; by thread (s): %s%n", window.toSeconds(),
                (cpuSeconds(pid) - cpuBefore) / window.toSeconds(), busiest(threadsBefore, threadCpuSeconds(pid)));
    }

    /** The daemon's GC pauses from its -Xlog:gc file: how many, their total and the longest. */
    static void printPauses(Path log) throws IOException {
        List<Double> pauses = new ArrayList<>();
        for (String line : Files.readAllLines(log)) {
            var m = java.util.regex.Pattern.compile("Pause.* ([0-9.]+)ms$").matcher(line.trim());
            if (m.find()) {
                pauses.add(Double.parseDouble(m.group(1)));
            }
        }
        Collections.sort(pauses);
        System.out.printf("daemon GC pauses: %d, total %.0f ms, p99 %.1f ms, longest %.1f ms%n", pauses.size(),
                pauses.stream().mapToDouble(Double::doubleValue).sum(), ReplicationBench.percentile(pauses, 0.99),
                pauses.isEmpty() ? 0.0 : pauses.get(pauses.size() - 1));
    }

    /** User + system CPU of a process so far, from /proc (clock ticks of 10 ms). */
    static double cpuSeconds(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / 100.0;
    }

    /** CPU seconds so far per thread name of a process (Linux shows 15 characters), digits folded ("dw-41" and "dw-42" are "dw-#"). */
    static Map<String, Double> threadCpuSeconds(long pid) throws IOException {
        Map<String, Double> out = new TreeMap<>();
        try (var tasks = Files.list(Path.of("/proc/" + pid + "/task"))) {
            for (Path task : tasks.toList()) {
                try {
                    String stat = Files.readString(task.resolve("stat"));
                    // Jetty's threads carry the request while they serve it ("dw-41 - GET /api/v1/st..."): the part before
                    // " - " names the pool
                    String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')')).split(" - ")[0]
                            .replaceAll("[0-9]+", "#");
                    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    out.merge(name, (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / 100.0, Double::sum);
                } catch (IOException ended) {
                    // the thread ended while listed
                }
            }
        }
        return out;
    }

    /** The thread names that used the most CPU between two readings, busiest first. */
    static String busiest(Map<String, Double> before, Map<String, Double> after) {
        return after.entrySet().stream()
                .map(e -> Map.entry(e.getKey(), e.getValue() - before.getOrDefault(e.getKey(), 0.0)))
                .filter(e -> e.getValue() >= 0.05)
                .sorted(Map.Entry.<String, Double>comparingByValue().reversed()).limit(8)
                .map(e -> "%s %.1f".formatted(e.getKey(), e.getValue())).collect(java.util.stream.Collectors.joining(", "));
    }

    static String loadAverage() throws IOException {
        String[] fields = Files.readString(Path.of("/proc/loadavg")).split(" ");
        return fields[0] + " " + fields[1] + " " + fields[2];
    }

    static Map<String, Long> memory(long pid) throws IOException {
        Map<String, Long> out = new TreeMap<>();
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            for (String field : List.of("VmRSS", "VmHWM")) {
                if (line.startsWith(field + ":")) {
                    out.put(field, Long.parseLong(line.replaceAll("[^0-9]", "")));
                }
            }
        }
        return out;
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
