package io.drc.simulator.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import io.drc.simulator.SimulatorClients;
import io.drc.simulator.SimulatorMain;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.rds.RdsClient;

/**
 * The standalone simulator ({@code --state-dir}) killed with SIGKILL mid-failover, in its own JVM, and started
 * again on the same directory: the promotion it had started completes and the snapshot copy in flight is found and
 * completes. A fresh simulator would have re-seeded the demo: the replica would stay a replica forever and the copy
 * would not exist.
 */
class KilledSimulatorTest {
    private static final Pattern LISTENING = Pattern.compile("listening on (http://\\S+)");
    private static final Duration PATIENCE = Duration.ofSeconds(60);

    @TempDir
    Path stateDir;

    @Test
    void killedMidFailoverTheRestartedSimulatorFinishesThePromotionAndTheCopy() throws Exception {
        String snapshotCopy;
        Process first = launch();
        try {
            SimulatorClients clients = new SimulatorClients(endpointOf(first));
            try (Ec2Client east = clients.ec2("us-east-1"); Ec2Client west = clients.ec2("us-west-2");
                 RdsClient rds = clients.rds("us-west-2")) {
                String snapshot = east.createSnapshot(r -> r.volumeId("vol-00000000000000001")).snapshotId();
                await("the source snapshot completes", () -> "completed".equals(
                        east.describeSnapshots(r -> r.snapshotIds(snapshot)).snapshots().get(0).stateAsString()));
                snapshotCopy = west.copySnapshot(r -> r.sourceRegion("us-east-1").sourceSnapshotId(snapshot)
                        .destinationRegion("us-west-2")).snapshotId();
                rds.promoteReadReplica(r -> r.dbInstanceIdentifier("shop-db-replica"));
                assertThat(west.describeSnapshots(r -> r.snapshotIds(snapshotCopy)).snapshots().get(0).stateAsString())
                        .isEqualTo("pending");
            }
        } finally {
            first.destroyForcibly();
            assertThat(first.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(first.exitValue()).as("killed by SIGKILL, no shutdown hook ran").isEqualTo(137);

        Process second = launch();
        try {
            SimulatorClients clients = new SimulatorClients(endpointOf(second));
            try (Ec2Client west = clients.ec2("us-west-2"); RdsClient rds = clients.rds("us-west-2")) {
                await("the copy started before the kill completes", () -> "completed".equals(
                        west.describeSnapshots(r -> r.snapshotIds(snapshotCopy)).snapshots().get(0).stateAsString()));
                await("the promotion started before the kill completes", () -> rds.describeDBInstances(
                        r -> r.dbInstanceIdentifier("shop-db-replica")).dbInstances().get(0)
                        .readReplicaSourceDBInstanceIdentifier() == null);
            }
        } finally {
            second.destroy();
            second.waitFor(30, TimeUnit.SECONDS);
        }
    }

    private Process launch() throws IOException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        return new ProcessBuilder(List.of(java.toString(), "-cp", System.getProperty("java.class.path"),
                SimulatorMain.class.getName(), "--port", "0", "--time-scale", "0.02", "--seed", "demo",
                "--state-dir", stateDir.toString()))
                .redirectErrorStream(true).start();
    }

    /** Reads the child's output until it says where it listens, then drains the rest so it never blocks. */
    private static URI endpointOf(Process process) throws Exception {
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        CompletableFuture<URI> endpoint = CompletableFuture.supplyAsync(() -> {
            try {
                for (String line = out.readLine(); line != null; line = out.readLine()) {
                    Matcher m = LISTENING.matcher(line);
                    if (m.find()) {
                        return URI.create(m.group(1));
                    }
                }
                throw new IllegalStateException("the simulator exited without listening");
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
        URI uri = endpoint.get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
        Thread drain = new Thread(() -> out.lines().forEach(line -> { }));
        drain.setDaemon(true);
        drain.start();
        return uri;
    }

    private static void await(String what, Supplier<Boolean> condition) throws InterruptedException {
        Instant deadline = Instant.now().plus(PATIENCE);
        while (!condition.get()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError(what + ": not within " + PATIENCE);
            }
            Thread.sleep(100);
        }
    }

}
