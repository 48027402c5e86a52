package io.drc.controller.ctl;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.drc.controller.engine.DaemonOnSimulator;
import io.drc.controller.testing.OpenApiContract;
import io.drc.simulator.core.Journal;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * {@code drc ctl} against the demo ({@code config/demo.yml} as shipped, {@link DaemonOnSimulator#startDemo}) on a
 * simulator whose clock the test moves: tables, JSON, paging, a drill and a failover and fail-back followed live,
 * approve and cancel, and the exit codes 0, 1, 2 and 3. Every answer the command line's own HTTP client receives is
 * checked against the OpenAPI document ({@link OpenApiContract#check}).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CtlTest {
    /** The demo's one token, an operator's. */
    static final String TOKEN = DaemonOnSimulator.DEMO_TOKEN;
    static final List<String> DEMO_RESOURCES = List.of("web", "web-data", "shop-db", "shop-db-replica");
    static DaemonOnSimulator drc;

    /** One run of the command line: its exit code and what it printed. */
    record Run(int exit, String out, String err) { }

    @BeforeAll
    static void start() throws Exception {
        drc = new DaemonOnSimulator(0.05).startDemo(); // the demo's timeScale
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
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                OpenApiContract::check).run(all);
        return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    @Order(1)
    void statusShowsTheServingRegionAndEveryResourceAPageAtATime() throws Exception {
        Run status = ctl(TOKEN, "status");
        assertThat(status.exit()).as(status.err()).isZero();
        assertThat(status.out()).contains("application shop: serving us-east-1", "RESOURCE", "CHECK");
        assertThat(rows(status.out())).containsExactlyElementsOf(DEMO_RESOURCES);
        assertThat(status.out()).containsPattern("4 resources: \\d+ compliant, \\d+ not \\(measured .*\\); 4 shown")
                .doesNotContain("next page");

        Run json = ctl(TOKEN, "--output", "json", "status");
        assertThat(json.exit()).isZero();
        assertThat(DaemonOnSimulator.JSON.readTree(json.out()).get("activeRegion").asText()).isEqualTo("us-east-1");

        // two pages of two: the first says how to get the second, which is the last
        Run first = ctl(TOKEN, "status", "--limit", "2");
        assertThat(rows(first.out())).containsExactly("web", "web-data");
        Matcher next = Pattern.compile("next page: drc status --limit 2 --cursor (\\S+)").matcher(first.out());
        assertThat(next.find()).as(first.out()).isTrue();
        Run second = ctl(TOKEN, "status", "--limit", "2", "--cursor", next.group(1));
        assertThat(second.exit()).as(second.err()).isZero();
        assertThat(rows(second.out())).containsExactly("shop-db", "shop-db-replica");
        assertThat(second.out()).contains("2 shown after the cursor").doesNotContain("next page");

        // only what is not known to be compliant: the API's own filter, none of them compliant
        Run failing = ctl(TOKEN, "status", "--non-compliant");
        assertThat(failing.exit()).as(failing.err()).isZero();
        List<String> notCompliant = new java.util.ArrayList<>();
        DaemonOnSimulator.body(drc.api("/api/v1/status?compliant=false", TOKEN).get()).get("resources")
                .forEach(r -> notCompliant.add(r.get("id").asText()));
        assertThat(rows(failing.out())).containsExactlyElementsOf(notCompliant);
        assertThat(failing.out()).contains(notCompliant.size() + " not known to be compliant shown");
        assertThat(failing.out().lines().filter(l -> DEMO_RESOURCES.stream().anyMatch(id -> l.startsWith(id + " "))))
                .noneMatch(l -> l.contains(" yes "));

        Run badLimit = ctl(TOKEN, "status", "--limit", "0");
        assertThat(badLimit.exit()).isEqualTo(Ctl.REFUSED);
        assertThat(badLimit.err()).contains("400", "invalid_limit");
    }

    @Test
    @Order(2)
    void recoveryPointsListsThemAndRefusesAnUnknownResource() {
        Run points = ctl(TOKEN, "recovery-points");
        assertThat(points.exit()).as(points.err()).isZero();
        assertThat(points.out()).contains("RESOURCE", "ID", "SOURCE TIME", "STATE");
        Run json = ctl(TOKEN, "--output", "json", "recovery-points", "--resource", "web");
        assertThat(json.exit()).as(json.err()).isZero();
        assertThat(json.out()).contains("\"items\"");
        Run unknown = ctl(TOKEN, "recovery-points", "--resource", "nope");
        assertThat(unknown.exit()).isEqualTo(Ctl.REFUSED);
        assertThat(unknown.err()).contains("422", "unknown_resource");
    }

    @Test
    @Order(3)
    void dryRunPrintsThePlanAndChangesNothing() {
        long seq = drc.simulator.journal().lastSeq();
        Run plan = ctl(TOKEN, "failover", "--confirm", "us-west-2", "--dry-run");
        assertThat(plan.exit()).as(plan.err()).isZero();
        assertThat(plan.out()).contains("dry run", "PromoteDatabase", "ShiftTraffic", "weight: 100 -> 0");
        assertThat(drc.simulator.journal().since(seq)).noneMatch(Journal.Call::mutating);
    }

    @Test
    @Order(4)
    void refusedRequestsExitTwoAndUnreachableThree() throws Exception {
        Run wrongRegion = ctl(TOKEN, "failover", "--confirm", "us-east-1", "--reason", "x");
        assertThat(wrongRegion.exit()).isEqualTo(Ctl.REFUSED);
        assertThat(wrongRegion.err()).contains("422", "confirmation_mismatch", "us-west-2");

        // (the demo has one token, an operator's: a viewer's 403 is DashboardBrowserTest's and the API tests')
        Run unknownToken = ctl("not-a-token", "failover", "--confirm", "us-west-2");
        assertThat(unknownToken.exit()).isEqualTo(Ctl.REFUSED);
        assertThat(unknownToken.err()).contains("401", "unauthorized");

        Run notAnExecution = ctl(TOKEN, "watch", "exec-00000000-0000-0000-0000-000000000000");
        assertThat(notAnExecution.exit()).isEqualTo(Ctl.REFUSED);
        assertThat(notAnExecution.err()).contains("404", "execution_not_found");

        Run noToken = ctl(null, "status");
        assertThat(noToken.exit()).isEqualTo(Ctl.REFUSED);
        assertThat(noToken.err()).contains("DRC_TOKEN");

        Run noCommand = ctl(TOKEN, "teleport");
        assertThat(noCommand.exit()).isEqualTo(Ctl.REFUSED);
        assertThat(ctl(null, "--help").exit()).isEqualTo(Ctl.OK);

        Path tokenFile = Files.createTempFile("drc-token", "");
        Files.writeString(tokenFile, TOKEN + "\n");
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
    @Order(5)
    void drillDryRunShowsThePlanAndDrillWaitFollowsItToSuccess() throws Exception {
        long seq = drc.simulator.journal().lastSeq();
        Run plan = ctl(TOKEN, "drill", "--dry-run");
        assertThat(plan.exit()).as(plan.err()).isZero();
        assertThat(plan.out()).contains("dry run: drill", "STEP", "CleanUp");
        assertThat(drc.simulator.journal().since(seq)).noneMatch(Journal.Call::mutating);

        Waited drill = waited("drill", 0, "drill", "--reason", "ctl game day", "--wait");
        String id = drill.id();
        Run run = drill.run();
        assertThat(run.exit()).as(run.out() + run.err()).isZero();
        assertThat(run.out()).contains("started drill " + id, "step.succeeded", "execution " + id + " SUCCEEDED");

        // the demo's runbooks have no approval step: nothing waits, and approving is refused
        Run approve = ctl(TOKEN, "approve", id);
        assertThat(approve.exit()).isEqualTo(Ctl.REFUSED);
        assertThat(approve.err()).contains("409", "not_waiting_for_approval");
    }

    @Test
    @Order(6)
    void failoverWaitFollowsTheStepsAndExitsZeroOnSuccess() throws Exception {
        Waited failover = waited("failover", 0, "failover", "--confirm", "us-west-2", "--reason", "ctl test", "--wait");
        String id = failover.id();
        Run run = failover.run();

        assertThat(run.exit()).as(run.out() + run.err()).isZero();
        assertThat(run.out()).contains("started failover " + id, "step.started", "step.succeeded", "PromoteDatabase",
                "execution.recovered", "execution " + id + " SUCCEEDED");

        Run executions = ctl(TOKEN, "executions");
        assertThat(executions.out()).contains(id, "SUCCEEDED");
        Run watchAgain = ctl(TOKEN, "watch", id);
        assertThat(watchAgain.exit()).isZero();
        assertThat(watchAgain.out()).contains("execution.ended");

        Run again = ctl(TOKEN, "failover", "--confirm", "us-west-2", "--reason", "again");
        assertThat(again.exit()).isEqualTo(Ctl.REFUSED);
        assertThat(again.err()).contains("409", "already_serving");
    }

    /** Fail-back as far as the dry run and then all the way; then a failover cancelled makes --wait exit 1. */
    @Test
    @Order(7)
    void failbackWaitSucceedsAndACancelledFailoverExitsOne() throws Exception {
        Run plan = ctl(TOKEN, "failback", "--confirm", "us-east-1", "--dry-run");
        assertThat(plan.exit()).as(plan.err()).isZero();
        assertThat(plan.out()).contains("dry run: failback to us-east-1", "STEP");

        Waited back = waited("failback", 0, "failback", "--confirm", "us-east-1", "--reason", "ctl test", "--wait");
        String failback = back.id();
        Run done = back.run();
        assertThat(done.exit()).as(done.out() + done.err()).isZero();
        assertThat(done.out()).contains("started failback " + failback, "execution " + failback + " SUCCEEDED");
        assertThat(rows(ctl(TOKEN, "status").out())).hasSize(4);
        assertThat(ctl(TOKEN, "status").out()).contains("serving us-east-1");

        // the clock stands still: the failover waits at its first timed step, where the cancel finds it
        Run started = ctl(TOKEN, "failover", "--confirm", "us-west-2", "--reason", "to be cancelled");
        assertThat(started.exit()).as(started.err()).isZero();
        String id = awaitExecution("failover", 1);
        CompletableFuture<Run> watching = CompletableFuture.supplyAsync(() -> ctl(TOKEN, "watch", id));
        Run cancel = ctl(TOKEN, "cancel", id);
        assertThat(cancel.exit()).as(cancel.err()).isZero();
        assertThat(cancel.out()).contains("cancel: execution " + id + " is ");
        drc.driveUntil(id, DaemonOnSimulator.ENDED);
        Run watched = watching.get(60, TimeUnit.SECONDS);
        assertThat(watched.out()).contains("execution " + id + " CANCELLED");
        assertThat(watched.exit()).as(watched.out() + watched.err()).isEqualTo(Ctl.FAILED);

        Run cancelAgain = ctl(TOKEN, "cancel", id);
        assertThat(cancelAgain.exit()).isEqualTo(Ctl.REFUSED);
        assertThat(cancelAgain.err()).contains("409");
    }

    /** A command run to its end and the execution it started. */
    record Waited(String id, Run run) { }

    /**
     * Runs {@code args} (a command with --wait) in the background, finds the execution of {@code kind} it started
     * (the {@code before + 1}th) and moves the clock until that ends; then the command's run.
     */
    private static Waited waited(String kind, int before, String... args) throws Exception {
        CompletableFuture<Run> waiting = CompletableFuture.supplyAsync(() -> ctl(TOKEN, args));
        String id = awaitExecution(kind, before);
        drc.driveUntil(id, DaemonOnSimulator.ENDED);
        return new Waited(id, waiting.get(60, TimeUnit.SECONDS));
    }

    /** The resource ids of a status table, in the order printed. */
    private static List<String> rows(String statusOutput) {
        return statusOutput.lines().map(l -> l.split("\\s+")[0]).filter(DEMO_RESOURCES::contains).toList();
    }

    /**
     * The id of the newest execution of {@code kind} once more than {@code before} of that kind exist (a command in
     * the background started it), polled with a deadline.
     */
    private static String awaitExecution(String kind, int before) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (Instant.now().isBefore(deadline)) {
            JsonNode items = DaemonOnSimulator.body(drc.api("/api/v1/executions?kind=" + kind, TOKEN).get())
                    .get("items");
            if (items.size() > before) {
                return items.get(0).get("id").asText();
            }
            DaemonOnSimulator.pause();
        }
        throw new AssertionError("drc " + kind + " started no execution within 60 s");
    }
}
