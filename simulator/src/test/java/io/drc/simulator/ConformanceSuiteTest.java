package io.drc.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.drc.simulator.core.ManualClock;
import io.drc.simulator.demo.DemoSeeder;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The conformance suite (issue 11 point 10): boto3, an independent client, drives every operation the simulator
 * claims ({@code GET /_sim/operations}) in both regions, on the demo application, and checks each answer as it crossed
 * the wire against botocore's own service models, plus error codes, botocore's paginators (one item a page) and
 * waiters (resources/boto3/conformance.py). Prints the simulator's figures of fidelity: operations served, answer
 * members checked against the models, pass ratio, and per service the operations AWS has that are not served.
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

    static List<Boto3> interpreters() {
        return Boto3.interpreters();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("interpreters")
    void everyClaimedOperationAnswersAsBotocoresModelsSay(Boto3 boto3, @TempDir Path dir) throws IOException {
        Path script = dir.resolve("conformance.py");
        try (InputStream in = getClass().getResourceAsStream("/boto3/conformance.py")) {
            Files.copy(in, script);
        }
        // with a state directory, so every operation also proves that what it leaves behind can be saved
        SimulatorOptions options = SimulatorOptions.defaults().withPort(0)
                .withClock(new ManualClock(Instant.parse("2026-01-01T00:10:20Z"))).withStateDir(dir.resolve("state"));
        try (Simulator simulator = Simulator.start(options, DemoSeeder::seedExisting)) {
            List<String> args = new ArrayList<>(List.of(script.toString(), simulator.endpoint().toString()));
            args.addAll(NEWER_THAN_DEBIANS_MODEL);
            Boto3.Result run = boto3.run(args.toArray(String[]::new));
            assertThat(run.exitCode()).as(run.stderr()).isZero();
            JsonNode report = JSON.readTree(run.stdout());
            Map<String, List<String>> notChecked = new TreeMap<>();
            int claimed = 0;
            int passed = 0;
            for (var service : iterable(report.get("claimed").fields())) {
                for (JsonNode op : service.getValue()) {
                    claimed++;
                    String key = checkedKey(report, service.getKey(), op.asText());
                    List<String> regions = key == null ? List.of()
                            : JSON.convertValue(report.get("checked").get(key), JSON.getTypeFactory()
                                    .constructCollectionType(List.class, String.class));
                    boolean everywhere = service.getKey().equals("route53") ? !regions.isEmpty() : regions.containsAll(REGIONS);
                    String opName = key == null ? op.asText() : key.substring(key.indexOf(':') + 1);
                    boolean clean = iterable(report.get("problems").elements()).stream()
                            .noneMatch(p -> p.asText().startsWith(opName + ":") || p.asText().startsWith(opName + " error:"));
                    if (everywhere && clean) {
                        passed++;
                    } else {
                        notChecked.computeIfAbsent(service.getKey(), s -> new ArrayList<>()).add(op.asText() + " " + regions);
                    }
                }
            }
            Path saved = Files.createDirectories(Path.of("target", "conformance"))
                    .resolve("boto3-" + boto3.python().replaceAll("[^A-Za-z0-9]+", "_") + ".json");
            Files.writeString(saved, run.stdout());
            printFigures(boto3, report, claimed, passed, saved);
            assertThat(report.get("problems")).as("problems found by " + boto3).isEmpty();
            assertThat(notChecked).as("claimed operations not checked in both regions").isEmpty();
        }
        try (Simulator restarted = Simulator.start(options.withClock(new ManualClock(Instant.EPOCH)), s -> { })) {
            assertThat(restarted.restored()).as("the world every operation left behind is read back").isTrue();
        }
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

    private static void printFigures(Boto3 boto3, JsonNode report, int claimed, int passed, Path saved) {
        StringBuilder out = new StringBuilder("simulator fidelity, boto3 on " + boto3 + " (botocore "
                + report.get("botocore").asText() + ", protocols " + report.get("protocols") + "):\n");
        out.append(String.format("  operations served: %d; passed in both regions: %d (pass ratio %.0f%%)%n", claimed,
                passed, 100.0 * passed / claimed));
        out.append("  answer members checked against botocore's models: " + report.get("membersChecked").asInt() + "\n");
        out.append("  paginators: " + report.get("paginators") + "\n  waiters: " + report.get("waiters") + "\n");
        for (var service : iterable(report.get("unserved").fields())) {
            out.append(String.format("  %s: %d served, %d of the model's operations not served%n", service.getKey(),
                    report.get("claimed").get(service.getKey()).size(), service.getValue().size()));
        }
        out.append("  (the operations not served, by name, and the whole report: " + saved.toAbsolutePath() + ")\n");
        out.append("  operation x client (regions checked):\n");
        for (var op : iterable(report.get("checked").fields())) {
            out.append("    " + op.getKey() + "  boto3 " + op.getValue() + "\n");
        }
        System.out.print(out);
    }

    private static <T> List<T> iterable(java.util.Iterator<T> iterator) {
        List<T> all = new ArrayList<>();
        iterator.forEachRemaining(all::add);
        return all;
    }
}
