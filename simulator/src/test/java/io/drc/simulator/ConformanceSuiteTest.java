package io.drc.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.drc.simulator.core.ManualClock;
import io.drc.simulator.demo.DemoSeeder;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.BiFunction;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.core.util.VersionInfo;
import software.amazon.awssdk.services.autoscaling.AutoScalingClient;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.rds.RdsClient;
import software.amazon.awssdk.services.route53.Route53Client;

/**
 * The conformance suite (issue 11 point 10): two independent clients, boto3 and the AWS CLI, each drive every
 * operation the simulator claims ({@code GET /_sim/operations}) in both regions, on the demo application, through the
 * same scenarios (resources/conformance/suite.py), and check each answer as it crossed the wire against their
 * botocore's own service models, plus error codes, paginators and waiters. boto3 runs conformance.py; the AWS CLI
 * runs conformance_cli.py, which types each step as an {@code aws} command line into the CLI's own entry point.
 * Prints the simulator's figures of fidelity per client (operations served, answer members checked against the
 * models, pass ratio), then the pass table (operation × client × region) and the operations of drc's SDK clients that
 * the simulator does not serve; all of it also goes to target/conformance/.
 */
class ConformanceSuiteTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> REGIONS = List.of("us-east-1", "us-west-2");
    /**
     * Members AWS answers with that Debian's botocore 1.29 model predates: CloudWatch's (2023), the AMI's source
     * fields that CopyImage and CreateImage record (2024-2025), RDS's DedicatedLogVolume (2023) and EC2's status of
     * attached EBS volumes and an instance status's zone id (2025).
     */
    private static final List<String> NEWER_THAN_DEBIANS_MODEL = List.of("MetricAlarm.StateTransitionedTimestamp",
            "Image.sourceInstanceId", "Image.sourceImageId", "Image.sourceImageRegion", "DBInstance.DedicatedLogVolume",
            "InstanceStatus.attachedEbsStatus", "InstanceStatus.availabilityZoneId");
    /** The SDK v2 clients drc calls AWS with, by the service names the suite's report uses. */
    private static final Map<String, Class<?>> DRC_CLIENTS = new TreeMap<>(Map.of("ec2", Ec2Client.class,
            "autoscaling", AutoScalingClient.class, "elbv2", ElasticLoadBalancingV2Client.class, "rds", RdsClient.class,
            "route53", Route53Client.class, "cloudwatch", CloudWatchClient.class));
    /** Each client's report, in the order they ran, for the pass table. */
    private static final Map<String, JsonNode> REPORTS = new LinkedHashMap<>();

    /** What a client's script run printed and returned. */
    private record Outcome(int exitCode, String stdout, String stderr) { }

    static List<Boto3> interpreters() {
        return Boto3.interpreters();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("interpreters")
    void boto3AnswersEveryClaimedOperationAsBotocoresModelsSay(Boto3 boto3, @TempDir Path dir) throws IOException {
        runSuite(dir, "conformance.py", boto3.python(), (script, args) -> {
            List<String> all = new ArrayList<>(List.of(script.toString()));
            all.addAll(args);
            Boto3.Result run = boto3.run(all.toArray(String[]::new));
            return new Outcome(run.exitCode(), run.stdout(), run.stderr());
        });
    }

    @Test
    void awsCliAnswersEveryClaimedOperationAsItsModelsSay(@TempDir Path dir) throws IOException {
        AwsCli cli = AwsCli.installed();
        runSuite(dir, "conformance_cli.py", cli.toString(), (script, args) -> {
            AwsCli.Result run = cli.runScript(script, args, 900);
            return new Outcome(run.exitCode(), run.stdout(), run.stderr());
        });
    }

    private void runSuite(Path dir, String driver, String where, BiFunction<Path, List<String>, Outcome> client)
            throws IOException {
        for (String file : List.of("suite.py", driver)) {
            try (InputStream in = getClass().getResourceAsStream("/conformance/" + file)) {
                Files.copy(in, dir.resolve(file));
            }
        }
        // with a state directory, so every operation also proves that what it leaves behind can be saved
        SimulatorOptions options = SimulatorOptions.defaults().withPort(0)
                .withClock(new ManualClock(Instant.parse("2026-01-01T00:10:20Z"))).withStateDir(dir.resolve("state"));
        try (Simulator simulator = Simulator.start(options, DemoSeeder::seedExisting)) {
            List<String> args = new ArrayList<>(List.of(simulator.endpoint().toString()));
            args.addAll(NEWER_THAN_DEBIANS_MODEL);
            long started = System.nanoTime();
            Outcome run = client.apply(dir.resolve(driver), args);
            Duration took = Duration.ofNanos(System.nanoTime() - started);
            assertThat(run.exitCode()).as(run.stderr()).isZero();
            JsonNode report = JSON.readTree(run.stdout());
            String label = report.get("client").asText() + " (" + where + ")";
            REPORTS.put(label, report);
            Map<String, List<String>> notChecked = new TreeMap<>();
            int claimed = 0;
            int passed = 0;
            for (var service : iterable(report.get("claimed").fields())) {
                for (JsonNode op : service.getValue()) {
                    claimed++;
                    boolean everywhere = REGIONS.stream().allMatch(r -> passes(report, service.getKey(), op.asText(), r));
                    if (everywhere) {
                        passed++;
                    } else {
                        notChecked.computeIfAbsent(service.getKey(), s -> new ArrayList<>())
                                .add(op.asText() + " " + regionsChecked(report, service.getKey(), op.asText()));
                    }
                }
            }
            Path saved = Files.createDirectories(Path.of("target", "conformance"))
                    .resolve(label.replaceAll("[^A-Za-z0-9.]+", "_") + ".json");
            Files.writeString(saved, run.stdout());
            printFigures(label, report, claimed, passed, took, saved);
            assertThat(report.get("problems")).as("problems found by " + label).isEmpty();
            assertThat(notChecked).as("claimed operations not checked in both regions").isEmpty();
        }
        try (Simulator restarted = Simulator.start(options.withClock(new ManualClock(Instant.EPOCH)), s -> { })) {
            assertThat(restarted.restored()).as("the world every operation left behind is read back").isTrue();
        }
    }

    /**
     * Whether the client checked the claimed operation in the region and found nothing wrong with it. Route 53 is
     * global (one endpoint, signed for us-east-1 whatever the client's region), so it counts in both.
     */
    private static boolean passes(JsonNode report, String service, String operation, String region) {
        String key = checkedKey(report, service, operation);
        if (key == null) {
            return false;
        }
        List<String> regions = regionsChecked(report, service, operation);
        boolean there = service.equals("route53") ? !regions.isEmpty() : regions.contains(region);
        String opName = key.substring(key.indexOf(':') + 1);
        return there && iterable(report.get("problems").elements()).stream()
                .noneMatch(p -> p.asText().startsWith(opName + ":") || p.asText().startsWith(opName + " error:"));
    }

    private static List<String> regionsChecked(JsonNode report, String service, String operation) {
        String key = checkedKey(report, service, operation);
        return key == null ? List.of() : JSON.convertValue(report.get("checked").get(key),
                JSON.getTypeFactory().constructCollectionType(List.class, String.class));
    }

    /** The report's name of a claimed operation: botocore spells CopyDBSnapshot where the SDK says CopyDbSnapshot. */
    private static String checkedKey(JsonNode report, String service, String operation) {
        for (var name : iterable(report.get("checked").fieldNames())) {
            if (name.equalsIgnoreCase(service + ":" + operation)) {
                return name;
            }
        }
        return null;
    }

    private static void printFigures(String label, JsonNode report, int claimed, int passed, Duration took,
                                     Path saved) {
        StringBuilder out = new StringBuilder("simulator fidelity, " + label + " (botocore "
                + report.get("botocore").asText() + ", protocols " + report.get("protocols") + "):\n");
        out.append(String.format("  operations served: %d; passed in both regions: %d (pass ratio %.0f%%)%n", claimed,
                passed, 100.0 * passed / claimed));
        out.append("  answer members checked against the client's botocore models: "
                + report.get("membersChecked").asInt() + "\n");
        out.append("  paginators: " + report.get("paginators").size() + ", waiters: " + report.get("waiters").size()
                + ", problems: " + report.get("problems").size() + "\n");
        if (report.has("commands")) {
            out.append("  aws commands run: " + report.get("commands").asInt() + " (HTTP requests: "
                    + report.get("requests").asInt() + ")\n");
        }
        out.append(String.format("  took %.1f s%n", took.toMillis() / 1000.0));
        for (var service : iterable(report.get("unserved").fields())) {
            out.append(String.format("  %s: %d served, %d of this model's operations not served%n", service.getKey(),
                    report.get("claimed").get(service.getKey()).size(), service.getValue().size()));
        }
        out.append("  (the whole report: " + saved.toAbsolutePath() + ")\n");
        System.out.print(out);
    }

    /** The pass table over every client that ran, and what drc's SDK clients could call that is not served. */
    @AfterAll
    static void printPassTable() throws IOException {
        if (REPORTS.isEmpty()) {
            return;
        }
        JsonNode claimed = REPORTS.values().iterator().next().get("claimed");
        List<String> labels = new ArrayList<>(REPORTS.keySet());
        StringBuilder out = new StringBuilder("conformance pass table (operation x client x region; ok = answered as"
                + " the client's models say, in that region; Route 53 is global):\n");
        for (int i = 0; i < labels.size(); i++) {
            out.append(String.format("  client %d: %s%n", i + 1, labels.get(i)));
        }
        out.append(String.format("  %-52s", "operation"));
        for (int i = 0; i < labels.size(); i++) {
            for (String region : REGIONS) {
                out.append(String.format(" %-12s", (i + 1) + ":" + region));
            }
        }
        out.append('\n');
        int rows = 0;
        int cells = 0;
        int ok = 0;
        for (var service : iterable(claimed.fields())) {
            for (JsonNode op : service.getValue()) {
                rows++;
                out.append(String.format("  %-52s", service.getKey() + ":" + op.asText()));
                for (JsonNode report : REPORTS.values()) {
                    for (String region : REGIONS) {
                        boolean pass = passes(report, service.getKey(), op.asText(), region);
                        cells++;
                        ok += pass ? 1 : 0;
                        out.append(String.format(" %-12s", pass ? "ok" : "FAIL"));
                    }
                }
                out.append('\n');
            }
        }
        out.append(String.format("  %d operations x %d clients x %d regions: %d of %d passed%n", rows, labels.size(),
                REGIONS.size(), ok, cells));
        out.append("AWS operations drc's SDK v2 clients (" + VersionInfo.SDK_VERSION
                + ") could call that the simulator does not serve:\n");
        for (var entry : DRC_CLIENTS.entrySet()) {
            SortedSet<String> missing = sdkOperations(entry.getValue());
            for (JsonNode op : claimed.get(entry.getKey())) {
                missing.remove(op.asText());
            }
            out.append(String.format("  %s (%d): %s%n", entry.getKey(), missing.size(), String.join(", ", missing)));
        }
        Path saved = Files.createDirectories(Path.of("target", "conformance")).resolve("pass-table.txt");
        Files.writeString(saved, out);
        System.out.print(out);
    }

    /** An SDK client's operations: its methods taking a request and answering a response, named as the SDK does. */
    private static SortedSet<String> sdkOperations(Class<?> client) {
        SortedSet<String> names = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        for (Method method : client.getMethods()) {
            Class<?>[] params = method.getParameterTypes();
            if (params.length == 1 && params[0].getSimpleName().endsWith("Request")
                    && method.getReturnType().getSimpleName().endsWith("Response")) {
                names.add(params[0].getSimpleName().substring(0, params[0].getSimpleName().length() - "Request".length()));
            }
        }
        return names;
    }

    private static <T> List<T> iterable(java.util.Iterator<T> iterator) {
        List<T> all = new ArrayList<>();
        iterator.forEachRemaining(all::add);
        return all;
    }
}
