package io.drc.controller.ctl;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.drc.controller.engine.DaemonOnSimulator;
import io.drc.simulator.core.Journal;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/** {@code drc ctl} against a daemon on the simulator: tables, JSON, a failover followed live, and exit codes. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CtlTest {
    static DaemonOnSimulator drc;

    /** One run of the command line: its exit code and what it printed. */
    record Run(int exit, String out, String err) { }

    @BeforeAll
    static void start() throws Exception {
        drc = new DaemonOnSimulator().startDaemon();
    }

    @AfterAll
    static void stop() {
        drc.close();
    }

    static Run ctl(String token, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        String[] all = new String[args.length + 2];
        all[0] = "--url";
        all[1] = "http://127.0.0.1:" + drc.port();
        System.arraycopy(args, 0, all, 2, args.length);
        int exit = new Ctl(token == null ? Map.of() : Map.of("DRC_TOKEN", token),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8))
                .run(all);
        return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    @Order(1)
    void statusShowsTheServingRegionAndEveryResource() throws Exception {
        Run status = ctl(DaemonOnSimulator.VIEWER, "status");
        assertThat(status.exit()).as(status.err()).isZero();
        assertThat(status.out()).contains("serving us-east-1", "RESOURCE", "web", "data", "db-replica", "CHECK");
        assertThat(status.out()).containsPattern("\\d+ resources: \\d+ compliant, \\d+ not \\(measured ")
                .doesNotContain("a page at a time");

        Run json = ctl(DaemonOnSimulator.VIEWER, "--output", "json", "status");
        assertThat(json.exit()).isZero();
        assertThat(DaemonOnSimulator.JSON.readTree(json.out()).get("activeRegion").asText()).isEqualTo("us-east-1");
    }

    @Test
    @Order(2)
    void dryRunPrintsThePlanAndChangesNothing() {
        long seq = drc.simulator.journal().lastSeq();
        Run plan = ctl(DaemonOnSimulator.OPERATOR, "failover", "--confirm", "us-west-2", "--dry-run");
        assertThat(plan.exit()).as(plan.err()).isZero();
        assertThat(plan.out()).contains("dry run", "PromoteDatabase", "ShiftTraffic", "weight: 100 -> 0");
        assertThat(drc.simulator.journal().since(seq)).noneMatch(Journal.Call::mutating);
    }

    @Test
    @Order(3)
    void refusedRequestsExitTwoAndUnreachableThree() throws Exception {
        Run wrongRegion = ctl(DaemonOnSimulator.OPERATOR, "failover", "--confirm", "us-east-1", "--reason", "x");
        assertThat(wrongRegion.exit()).isEqualTo(Ctl.REFUSED);
        assertThat(wrongRegion.err()).contains("422", "confirmation_mismatch", "us-west-2");

        Run viewer = ctl(DaemonOnSimulator.VIEWER, "failover", "--confirm", "us-west-2");
        assertThat(viewer.exit()).isEqualTo(Ctl.REFUSED);
        assertThat(viewer.err()).contains("403");

        Run noToken = ctl(null, "status");
        assertThat(noToken.exit()).isEqualTo(Ctl.REFUSED);
        assertThat(noToken.err()).contains("DRC_TOKEN");

        Run noCommand = ctl(DaemonOnSimulator.VIEWER, "teleport");
        assertThat(noCommand.exit()).isEqualTo(Ctl.REFUSED);
        assertThat(ctl(null, "--help").exit()).isEqualTo(Ctl.OK);

        Path tokenFile = Files.createTempFile("drc-token", "");
        Files.writeString(tokenFile, DaemonOnSimulator.VIEWER + "\n");
        assertThat(ctl(null, "--token-file", tokenFile.toString(), "executions").exit()).isZero();

        int closedPort;
        try (var socket = new java.net.ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        ByteArrayOutputStream unreachableErr = new ByteArrayOutputStream();
        int unreachable = new Ctl(Map.of("DRC_TOKEN", "x"), new PrintStream(new ByteArrayOutputStream()),
                new PrintStream(unreachableErr, true, StandardCharsets.UTF_8))
                .run("--url", "http://127.0.0.1:" + closedPort, "status");
        assertThat(unreachable).isEqualTo(Ctl.UNREACHABLE);
        assertThat(unreachableErr.toString(StandardCharsets.UTF_8)).contains("cannot reach the daemon", "ConnectException");
    }

    /** A drill before the failover: drills are refused while DR serves. */
    @Test
    @Order(4)
    void drillDryRunShowsThePlanAndDrillWaitFollowsItToSuccess() throws Exception {
        long seq = drc.simulator.journal().lastSeq();
        Run plan = ctl(DaemonOnSimulator.OPERATOR, "drill", "--dry-run");
        assertThat(plan.exit()).as(plan.err()).isZero();
        assertThat(plan.out()).contains("dry run: drill", "STEP", "CleanUp");
        assertThat(drc.simulator.journal().since(seq)).noneMatch(Journal.Call::mutating);

        CompletableFuture<Run> waiting = CompletableFuture.supplyAsync(() -> ctl(DaemonOnSimulator.OPERATOR,
                "drill", "--reason", "ctl game day", "--wait"));
        String id = awaitExecution("drill");
        drc.driveUntil(id, DaemonOnSimulator.ENDED);
        Run run = waiting.get(60, TimeUnit.SECONDS);
        assertThat(run.exit()).as(run.out() + run.err()).isZero();
        assertThat(run.out()).contains("started drill " + id, "step.succeeded", "execution " + id + " SUCCEEDED");

        Run viewer = ctl(DaemonOnSimulator.VIEWER, "drill");
        assertThat(viewer.exit()).isEqualTo(Ctl.REFUSED);
        assertThat(viewer.err()).contains("403");
    }

    @Test
    @Order(5)
    void failoverWaitFollowsTheStepsAndExitsZeroOnSuccess() throws Exception {
        CompletableFuture<Run> waiting = CompletableFuture.supplyAsync(() -> ctl(DaemonOnSimulator.OPERATOR,
                "failover", "--confirm", "us-west-2", "--reason", "ctl test", "--wait"));
        String id = awaitExecution("failover");
        drc.driveUntil(id, DaemonOnSimulator.ENDED);
        Run run = waiting.get(60, TimeUnit.SECONDS);

        assertThat(run.exit()).as(run.out() + run.err()).isZero();
        assertThat(run.out()).contains("started failover " + id, "step.started", "step.succeeded", "PromoteDatabase",
                "execution.recovered", "execution " + id + " SUCCEEDED");

        Run executions = ctl(DaemonOnSimulator.VIEWER, "executions");
        assertThat(executions.out()).contains(id, "SUCCEEDED");
        Run watchAgain = ctl(DaemonOnSimulator.VIEWER, "watch", id);
        assertThat(watchAgain.exit()).isZero();
        assertThat(watchAgain.out()).contains("execution.ended");

        Run again = ctl(DaemonOnSimulator.OPERATOR, "failover", "--confirm", "us-west-2", "--reason", "again");
        assertThat(again.exit()).isEqualTo(Ctl.REFUSED);
        assertThat(again.err()).contains("409", "already_serving");
    }

    /** The id of the execution of {@code kind} the background command started, polled with a deadline. */
    private static String awaitExecution(String kind) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (Instant.now().isBefore(deadline)) {
            JsonNode items = DaemonOnSimulator.body(drc.api("/api/v1/executions?kind=" + kind,
                    DaemonOnSimulator.VIEWER).get()).get("items");
            if (!items.isEmpty()) {
                return items.get(0).get("id").asText();
            }
            DaemonOnSimulator.pause();
        }
        throw new AssertionError("drc " + kind + " --wait started no execution within 60 s");
    }
}
