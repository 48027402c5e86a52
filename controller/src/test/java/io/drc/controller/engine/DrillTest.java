package io.drc.controller.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.drc.simulator.core.FaultRule;
import io.drc.simulator.core.Journal;
import io.dropwizard.testing.ConfigOverride;
import jakarta.ws.rs.core.Response;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.services.rds.model.DBInstance;

/**
 * Tier 3, the shipped drill runbooks over HTTP: a drill rehearses the failover on copies in DR, cleans them up,
 * and leaves production — DNS weights, the DR groups, the replica's role, the primary — exactly as it was; the
 * simulator's journal shows no mutating call on a production resource or in the primary region.
 */
class DrillTest {
    static final String PREFIX = "drc-drill-";
    final DaemonOnSimulator drc = new DaemonOnSimulator();

    @AfterEach
    void close() {
        drc.close();
    }

    private void start(String strategy, ConfigOverride... extra) throws Exception {
        List<ConfigOverride> overrides = new ArrayList<>(List.of(
                ConfigOverride.config("engine.runbooks", Path.of("..", "runbooks").toAbsolutePath().toString()),
                ConfigOverride.config("strategy.type", strategy)));
        overrides.addAll(List.of(extra));
        overrides.addAll(SteadyStates.prepare(drc, strategy));
        if (!strategy.equals("backup-restore")) {
            drc.startDaemon(overrides.toArray(ConfigOverride[]::new));
            return;
        }
        BackupRestoreDemo.removeDrReplica(drc);
        drc.withReplication(true).startDaemon(BackupRestoreDemo.overrides(overrides.toArray(ConfigOverride[]::new)));
        BackupRestoreDemo.awaitRecoveryPoints(drc);
    }

    /** What production looks like: weights, every group's size, every database's role and status. */
    private Map<String, Object> production() {
        Map<String, Object> seen = new java.util.TreeMap<>(drc.weights());
        for (String region : List.of("us-east-1", "us-west-2")) {
            drc.aws.autoScaling(region).describeAutoScalingGroups().autoScalingGroups().forEach(g ->
                    seen.put(region + "/asg/" + g.autoScalingGroupName(), g.minSize() + "/" + g.desiredCapacity() + "/"
                            + g.maxSize() + "/" + g.instances().size()));
            drc.aws.rds(region).describeDBInstances().dbInstances().forEach(d -> seen.put(region + "/db/"
                    + d.dbInstanceIdentifier(), d.dbInstanceStatus() + "/" + d.readReplicaSourceDBInstanceIdentifier()
                    + "/" + d.dbInstanceClass()));
            drc.aws.ec2(region).describeLaunchTemplates().launchTemplates().forEach(t -> seen.put(region + "/lt/"
                    + t.launchTemplateName(), t.defaultVersionNumber() + "/" + t.latestVersionNumber() + "/"
                    + drc.aws.ec2(region).describeLaunchTemplateVersions(r -> r.launchTemplateId(t.launchTemplateId())
                            .versions("$Default")).launchTemplateVersions().get(0).launchTemplateData().imageId()));
        }
        return seen;
    }

    @ParameterizedTest
    @ValueSource(strings = {"pilot-light", "warm-standby", "multi-site", "backup-restore"})
    void aDrillRehearsesOnCopiesAndLeavesProductionAsItWas(String strategy) throws Exception {
        start(strategy);
        Map<String, Object> before = production();
        long since = drc.simulator.journal().lastSeq();

        JsonNode started = DaemonOnSimulator.body(drc.post("/api/v1/drills", "{\"reason\": \"game day\"}"));
        String id = started.get("id").asText();
        assertThat(started.get("kind").asText()).isEqualTo("drill");
        JsonNode ended = drc.driveUntil(id, DaemonOnSimulator.ENDED);

        JsonNode drill = DaemonOnSimulator.body(drc.api("/api/v1/drills/" + id, DaemonOnSimulator.VIEWER).get());
        assertThat(drill.get("status").asText()).as(drill.toPrettyString()).isEqualTo("SUCCEEDED");
        assertThat(drill.get("runbook").asText())
                .isEqualTo(strategy.equals("backup-restore") ? "backup-restore-drill.asl.json" : "replica-drill.asl.json");
        assertThat(drill.get("rtoSeconds").asDouble()).isPositive();
        assertThat(drill.get("rtoTargetSeconds").asInt()).isPositive();
        assertThat(drill.get("rtoMet").isBoolean()).isTrue();
        assertThat(drill.get("leftovers")).as("swept: nothing tagged with the drill is left").isEmpty();
        assertThat(drill.get("cleanupSeconds").asDouble()).isNotNegative();
        JsonNode point = drill.get("recoveryPointsUsed").get(0);
        assertThat(drill.get("recoveryPointsUsed")).hasSize(1);
        if (strategy.equals("backup-restore")) {
            assertThat(point.get("snapshotId").asText()).as("the newest DR copy, not a drill's").doesNotStartWith(PREFIX);
            assertThat(point.get("ageSeconds").asDouble()).as("the RPO the restore proved").isNotNegative();
            String newestAmi = BackupRestoreDemo.newestWebAmi(drc).orElseThrow();
            List<Journal.Call> templates = drc.simulator.journal().since(since).stream()
                    .filter(c -> c.action().endsWith("LaunchTemplate")).toList();
            assertThat(templates).as("a drill launch template from the newest DR AMI, deleted at cleanup")
                    .extracting(Journal.Call::action).containsExactly("CreateLaunchTemplate", "DeleteLaunchTemplate");
            assertThat(templates.get(0).params().values()).contains(newestAmi)
                    .anySatisfy(v -> assertThat(v).startsWith(PREFIX));
            assertThat(drc.simulator.journal().since(since).stream().filter(c -> c.action().equals("CreateAutoScalingGroup"))
                    .flatMap(c -> c.params().values().stream())).as("the drill group launches the drill template")
                    .contains(templates.get(0).params().entrySet().stream()
                            .filter(e -> e.getKey().equals("LaunchTemplateName")).map(Map.Entry::getValue)
                            .findFirst().orElseThrow());
        } else {
            assertThat(point.get("snapshotId").asText()).as("a fresh snapshot of the DR replica").startsWith(PREFIX);
            assertThat(point.get("sourceTime").isNull()).as("the replica's data as of the snapshot").isFalse();
            assertThat(point.get("ageSeconds").asDouble()).isNotNegative();
        }
        assertThat(ended.get("status").asText()).isEqualTo("SUCCEEDED");

        assertThat(production()).as("production exactly as before").isEqualTo(before);
        List<Journal.Call> mutating = drc.simulator.journal().since(since).stream().filter(Journal.Call::mutating)
                .filter(c -> !c.action().equals("PutMetricData"))
                .filter(c -> !strategy.equals("backup-restore") || !isReplication(c)).toList();
        assertThat(mutating).as("the drill changed something").isNotEmpty().allSatisfy(c -> {
            assertThat(c.region()).as(c.toString()).isEqualTo("us-west-2");
            assertThat(c.params().values()).as("a drill copy, not production: " + c)
                    .anySatisfy(v -> assertThat(v).contains(PREFIX));
        });
        assertThat(drc.aws.autoScaling("us-west-2").describeAutoScalingGroups().autoScalingGroups())
                .noneSatisfy(g -> assertThat(g.autoScalingGroupName()).startsWith(PREFIX));
        assertThat(drc.aws.rds("us-west-2").describeDBInstances().dbInstances()).extracting(DBInstance::dbInstanceIdentifier)
                .noneSatisfy(n -> assertThat(n).startsWith(PREFIX));

        drc.awaitCall("PutMetricData", since);
        assertThat(drc.simulator.journal().since(since).stream().filter(c -> c.action().equals("PutMetricData")))
                .as("the drill's RTO, apart from real recoveries'")
                .anySatisfy(c -> assertThat(c.params().values()).contains(RtoPublisher.DRILL_METRIC))
                .noneSatisfy(c -> assertThat(c.params().values()).contains(RtoPublisher.METRIC));

        JsonNode listed = DaemonOnSimulator.body(drc.api("/api/v1/executions?kind=drill", DaemonOnSimulator.VIEWER).get());
        assertThat(listed.get("items")).singleElement().satisfies(e -> assertThat(e.get("id").asText()).isEqualTo(id));
    }

    @Test
    void aDrillFailingMidWayCleansUpAndFailsWithItsCause() throws Exception {
        start("pilot-light");
        Map<String, Object> before = production();
        drc.simulator.faults().add(new FaultRule(null, FaultRule.Kind.SERVER_ERROR, "us-west-2", "rds",
                "RestoreDBInstanceFromDBSnapshot", 1.0, null, null));

        String id = DaemonOnSimulator.body(drc.post("/api/v1/drills", "{}")).get("id").asText();
        drc.driveUntil(id, DaemonOnSimulator.ENDED);

        JsonNode drill = drill(id);
        assertThat(drill.get("status").asText()).as(drill.toPrettyString()).isEqualTo("FAILED");
        assertThat(drill.get("error").asText()).isEqualTo("Drc.AwsError");
        assertThat(drill.get("cause").asText()).contains("the drill's cleanup is done");
        assertThat(drill.get("leftovers")).isEmpty();
        assertThat(drill.get("rtoSeconds").isNull()).as("it never recovered").isTrue();
        assertThat(step(drill, "CleanUp").get("status").asText()).isEqualTo("SUCCEEDED");
        assertThat(production()).isEqualTo(before);
    }

    @Test
    void aDrillWhoseTargetsNeverTurnHealthyFailsAtTheTimeoutAndCleansUp() throws Exception {
        start("pilot-light");
        Map<String, Object> before = production();
        var world = drc.simulator.world();
        world.locked(() -> io.drc.simulator.elbv2.Elbv2State.of(world.region("us-west-2")).failHealthChecks(PREFIX));

        String id = DaemonOnSimulator.body(drc.post("/api/v1/drills", "{}")).get("id").asText();
        JsonNode[] seen = new JsonNode[1];
        drc.driveUntil(Duration.ofSeconds(30), () -> DaemonOnSimulator.ENDED.contains((seen[0] = drill(id)).get("status").asText()),
                () -> "the drill to end: " + seen[0].toPrettyString());

        JsonNode drill = drill(id);
        assertThat(drill.get("status").asText()).as(drill.toPrettyString()).isEqualTo("FAILED");
        assertThat(drill.get("error").asText()).isEqualTo("States.Timeout");
        assertThat(drill.get("cause").asText()).contains("AwaitDrillHealthy").contains("the drill's cleanup is done");
        assertThat(step(drill, "AwaitDrillHealthy").get("status").asText()).isEqualTo("FAILED");
        assertThat(step(drill, "CleanUp").get("status").asText()).isEqualTo("SUCCEEDED");
        assertThat(drill.get("leftovers")).isEmpty();
        assertThat(drill.get("rtoSeconds").isNull()).as("it never recovered").isTrue();
        assertThat(production()).isEqualTo(before);
    }

    @Test
    void aFailoverDuringADrillCancelsItAndStartsAtOnceWhileTheDrillCleansUp() throws Exception {
        start("pilot-light");
        String id = DaemonOnSimulator.body(drc.post("/api/v1/drills", "{\"reason\": \"game day\"}")).get("id").asText();
        JsonNode[] seen = new JsonNode[1];
        drc.driveUntil(Duration.ofSeconds(5), () -> "SUCCEEDED".equals(stepStatus(seen[0] = drill(id), "CreateDrillWebTier")),
                () -> "the drill's web tier to be created: " + seen[0].toPrettyString());
        Response second = drc.post("/api/v1/drills", "{}");
        assertThat(second.getStatus()).as("one drill at a time").isEqualTo(409);
        assertThat(DaemonOnSimulator.body(second).get("code").asText()).isEqualTo("execution_running");

        JsonNode failover = drc.runToSuccess("/api/v1/failovers", "us-west-2");
        assertThat(failover.get("status").asText()).isEqualTo("SUCCEEDED");
        drc.driveUntil(id, DaemonOnSimulator.ENDED);
        JsonNode drill = drill(id);
        assertThat(drill.get("status").asText()).as(drill.toPrettyString()).isEqualTo("CANCELLED");
        assertThat(drill.get("cause").asText()).contains("failover started").contains("the drill's cleanup is done");
        assertThat(drill.get("leftovers")).isEmpty();
        assertThat(drc.aws.autoScaling("us-west-2").describeAutoScalingGroups().autoScalingGroups())
                .noneSatisfy(g -> assertThat(g.autoScalingGroupName()).startsWith(PREFIX));
        assertThat(drc.weights()).containsEntry("dr", 100L).containsEntry("primary", 0L);

        Response whileDrServes = drc.post("/api/v1/drills", "{}");
        assertThat(whileDrServes.getStatus()).isEqualTo(409);
        assertThat(DaemonOnSimulator.body(whileDrServes).get("code").asText()).isEqualTo("dr_serving");
    }

    /**
     * The race a failover's start once had: it looked for running drills to cancel, then stored itself, so a drill
     * stored in between ran on beside the failover. Now it stores itself first (starts take turns on the store's
     * admission row, and a drill is refused once a failover is stored), then cancels every running drill. Here the
     * failover is held at that admission row (the test holds it) while a drill that the failover's look could not see
     * (its kind hidden, as if its start were still being stored) becomes visible: the failover must cancel it.
     */
    @Test
    void aDrillStoredWhileAFailoverIsBeingStoredIsCancelledByIt() throws Exception {
        start("pilot-light", ConfigOverride.config("database.url", drc.databaseUrl + ";LOCK_TIMEOUT=60000"));
        String id = DaemonOnSimulator.body(drc.post("/api/v1/drills", "{}")).get("id").asText();
        JsonNode[] seen = new JsonNode[1];
        drc.driveUntil(Duration.ofSeconds(5), () -> "SUCCEEDED".equals(stepStatus(seen[0] = drill(id), "CreateDrillWebTier")),
                () -> "the drill's web tier to be created: " + seen[0].toPrettyString());
        org.jdbi.v3.core.Jdbi store = org.jdbi.v3.core.Jdbi.create(drc.databaseUrl, "sa", "");
        store.useHandle(h -> h.createUpdate("UPDATE executions SET kind = 'drill-starting' WHERE id = :id")
                .bind("id", id).execute());
        java.util.concurrent.CompletableFuture<Response> failover;
        try (org.jdbi.v3.core.Handle admission = store.open()) {
            admission.begin();
            admission.createUpdate("UPDATE execution_admission SET last_execution = 'test' WHERE id = 1").execute();
            failover = java.util.concurrent.CompletableFuture.supplyAsync(() -> drc.post("/api/v1/failovers",
                    "{\"confirm\": \"us-west-2\", \"reason\": \"test\"}"));
            java.time.Instant deadline = java.time.Instant.now().plusSeconds(60);
            while (admission.createQuery("SELECT COUNT(*) FROM INFORMATION_SCHEMA.SESSIONS WHERE BLOCKER_ID = SESSION_ID()")
                    .mapTo(Long.class).one() == 0) {
                assertThat(failover).as("the failover waits for the admission row").isNotDone();
                assertThat(java.time.Instant.now()).as("the failover reaching the admission row").isBefore(deadline);
                DaemonOnSimulator.pause();
            }
            admission.createUpdate("UPDATE executions SET kind = 'drill' WHERE id = :id").bind("id", id).execute();
            admission.commit();
        }
        Response started = failover.get(60, java.util.concurrent.TimeUnit.SECONDS);
        assertThat(started.getStatus()).isEqualTo(202);
        String failoverId = DaemonOnSimulator.body(started).get("id").asText();

        drc.driveUntil(id, DaemonOnSimulator.ENDED);
        JsonNode drill = drill(id);
        assertThat(drill.get("status").asText()).as(drill.toPrettyString()).isEqualTo("CANCELLED");
        assertThat(drill.get("cause").asText()).contains("failover started");
        assertThat(drill.get("leftovers")).isEmpty();
        assertThat(drc.driveUntil(failoverId, DaemonOnSimulator.ENDED).get("status").asText()).isEqualTo("SUCCEEDED");
    }

    @Test
    void aDrillInterruptedByARestartAndThenCancelledStillCleansUp() throws Exception {
        start("pilot-light");
        Map<String, Object> before = production();
        String id = DaemonOnSimulator.body(drc.post("/api/v1/drills", "{}")).get("id").asText();
        JsonNode[] seen = new JsonNode[1];
        drc.driveUntil(Duration.ofSeconds(5), () -> "SUCCEEDED".equals(stepStatus(seen[0] = drill(id), "CreateDrillWebTier")),
                () -> "the drill's web tier to be created: " + seen[0].toPrettyString());
        List<ConfigOverride> sameConfig = new ArrayList<>(List.of(
                ConfigOverride.config("engine.runbooks", Path.of("..", "runbooks").toAbsolutePath().toString()),
                ConfigOverride.config("strategy.type", "pilot-light")));
        sameConfig.addAll(SteadyStates.prepare(drc, "pilot-light"));
        drc.stopDaemon();
        // as if a daemon had been killed holding the work: the next one takes it over at once, its owner being dead
        var queue = new io.drc.controller.db.WorkQueue(org.jdbi.v3.core.Jdbi.create(drc.databaseUrl, "sa", ""),
                io.dropwizard.jackson.Jackson.newObjectMapper());
        java.time.Instant now = drc.simulator.manualClock().instant();
        java.time.Instant anyDue = now.plus(Duration.ofDays(1));
        assertThat(queue.claim(new io.drc.controller.db.Claimant("killed-daemon#1", anyDue), anyDue,
                Duration.ofMinutes(5), 100)).as("work left for the next daemon").isNotEmpty();
        drc.startDaemon(sameConfig.toArray(ConfigOverride[]::new));

        Response cancel = drc.api("/api/v1/executions/" + id + "/cancel", DaemonOnSimulator.OPERATOR)
                .post(jakarta.ws.rs.client.Entity.json("{}"));
        assertThat(cancel.getStatus()).as(cancel.readEntity(String.class)).isEqualTo(200);
        drc.driveUntil(id, DaemonOnSimulator.ENDED);
        JsonNode drill = drill(id);
        assertThat(drill.get("status").asText()).as(drill.toPrettyString()).isEqualTo("CANCELLED");
        assertThat(drill.get("leftovers")).isEmpty();
        assertThat(production()).isEqualTo(before);
    }

    /** What the drill's smoke check asked of a loopback server standing in for the application. */
    private record SmokeServer(com.sun.net.httpserver.HttpServer server, List<String> asked) implements AutoCloseable {
        static SmokeServer answering(int status) throws java.io.IOException {
            List<String> asked = new java.util.concurrent.CopyOnWriteArrayList<>();
            var server = com.sun.net.httpserver.HttpServer.create(
                    new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 0), 0);
            server.createContext("/health", exchange -> {
                asked.add(exchange.getRequestMethod() + " " + exchange.getRequestURI());
                exchange.sendResponseHeaders(status, -1);
                exchange.close();
            });
            server.start();
            return new SmokeServer(server, asked);
        }

        String url() {
            return "http://127.0.0.1:" + server.getAddress().getPort() + "/health?host={drillHost}";
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }

    private static final String DRILL_RECORD = "drill.shop.example.com.";

    private List<software.amazon.awssdk.services.route53.model.ResourceRecordSet> records(String name) {
        return drc.aws.route53().listResourceRecordSets(r -> r.hostedZoneId(drc.demo.hostedZoneId()))
                .resourceRecordSets().stream().filter(r -> r.name().equals(name)).toList();
    }

    /**
     * drills.dns and drills.smokeCheck on a daemon without replication that keeps RTO compliance's alarms: the drill
     * points a record of its own in production's zone at its load balancer (alias), awaits INSYNC, passes the smoke
     * check (a loopback server, asked for the drill's host) and deletes exactly that record at cleanup; production's
     * weighted records are as before. The three RTO alarms exist though nothing replicates, and the drill's age is
     * published once it passed.
     */
    @Test
    void aDrillPointsItsOwnRecordAtItsCopiesPassesTheSmokeCheckAndRemovesTheRecord() throws Exception {
        try (SmokeServer smoke = SmokeServer.answering(200)) {
            drc.withRtoAlarms(true);
            start("pilot-light", ConfigOverride.config("drills.dns.recordName", DRILL_RECORD),
                    ConfigOverride.config("drills.smokeCheck.url", smoke.url()),
                    ConfigOverride.config("replication.measureInterval", "1m"));
            Map<String, Object> before = production();
            var productionRecords = records(io.drc.simulator.demo.DemoEnvironment.RECORD);
            long since = drc.simulator.journal().lastSeq();

            Response dryRun = drc.post("/api/v1/drills", "{\"dryRun\": true}");
            assertThat(dryRun.getStatus()).isEqualTo(200);
            List<String> planned = new ArrayList<>();
            for (JsonNode step : DaemonOnSimulator.body(dryRun).get("steps")) {
                step.path("changes").forEach(c -> planned.add(step.get("name").asText() + " " + c.get("resource").asText()
                        + " " + c.get("attribute").asText() + ": " + c.get("from").asText() + " -> " + c.get("to").asText()));
            }
            String record = "route53:" + drc.demo.hostedZoneId() + ":" + DRILL_RECORD + " A alias: ";
            assertThat(planned).as("the dry run shows the record made and deleted").anySatisfy(c -> assertThat(c)
                    .startsWith("PointDrillDns " + record + "(none) -> drill load balancer " + PREFIX))
                    .anySatisfy(c -> assertThat(c).startsWith("CleanUp " + record + "drill load balancer " + PREFIX)
                            .contains("(deleted: only a record whose value is this drill's load balancer)"));
            assertThat(drc.simulator.journal().since(since)).as("a dry run changes nothing (the RTO alarms are put"
                    + " on the reconciler's own thread meanwhile)")
                    .noneMatch(c -> c.mutating() && !c.action().equals("PutMetricAlarm"));

            String id = DaemonOnSimulator.body(drc.post("/api/v1/drills", "{}")).get("id").asText();
            drc.driveUntil(id, DaemonOnSimulator.ENDED);

            JsonNode drill = drill(id);
            assertThat(drill.get("status").asText()).as(drill.toPrettyString()).isEqualTo("SUCCEEDED");
            assertThat(drill.get("leftovers")).isEmpty();
            assertThat(step(drill, "PointDrillDns").get("status").asText()).isEqualTo("SUCCEEDED");
            assertThat(step(drill, "AwaitDrillDns").get("status").asText()).isEqualTo("SUCCEEDED");
            assertThat(step(drill, "SmokeCheck").get("status").asText()).isEqualTo("SUCCEEDED");
            assertThat(smoke.asked()).as("the smoke check, after INSYNC, at the drill's own name")
                    .containsExactly("GET /health?host=drill.shop.example.com");
            List<Journal.Call> changes = drc.simulator.journal().since(since).stream()
                    .filter(c -> c.action().equals("ChangeResourceRecordSets")).toList();
            assertThat(changes).as("one record made, the same record deleted: nothing else in the zone").hasSize(2);
            assertThat(changes.get(0).params().values()).contains("CREATE", DRILL_RECORD)
                    .anySatisfy(v -> assertThat(v).startsWith(PREFIX));
            assertThat(changes.get(1).params().values()).contains("DELETE", DRILL_RECORD)
                    .anySatisfy(v -> assertThat(v).startsWith(PREFIX));
            assertThat(records(DRILL_RECORD)).as("removed at cleanup").isEmpty();
            assertThat(records(io.drc.simulator.demo.DemoEnvironment.RECORD)).isEqualTo(productionRecords);
            assertThat(production()).isEqualTo(before);

            var alarms = drc.aws.cloudWatch("us-west-2");
            java.util.function.Supplier<List<String>> names = () -> alarms.describeAlarms(r -> r.alarmNamePrefix(
                    "drc-shop-")).metricAlarms().stream().map(a -> a.alarmName()).sorted().toList();
            List<String> rto = List.of("drc-shop-drill-age", "drc-shop-drill-rto", "drc-shop-predicted-rto");
            drc.driveUntil(Duration.ofSeconds(5), () -> names.get().containsAll(rto),
                    () -> "the three RTO alarms on a daemon without replication, not " + names.get());
            assertThat(names.get()).as("no RPO alarms: nothing here measures RPO").isEqualTo(rto);
            drc.driveUntil(Duration.ofSeconds(30), () -> drc.simulator.journal().since(since).stream()
                            .anyMatch(c -> c.action().equals("PutMetricData")
                                    && c.params().containsValue("DrillAgeSeconds")),
                    () -> "DRC/DrillAgeSeconds measured without replication");
        }
    }

    /**
     * The smoke check's verdict fails a drill, whose cleanup still deletes its record; and a name some record the
     * drill did not make already uses is refused (Drc.Conflict) and that record left exactly as it was.
     */
    @Test
    void aFailedSmokeCheckFailsTheDrillAndARecordNotTheDrillsIsNeverTouched() throws Exception {
        try (SmokeServer smoke = SmokeServer.answering(503)) {
            start("pilot-light", ConfigOverride.config("drills.dns.recordName", DRILL_RECORD),
                    ConfigOverride.config("drills.smokeCheck.url", smoke.url()),
                    ConfigOverride.config("drills.smokeCheck.timeout", "5s"));
            String id = DaemonOnSimulator.body(drc.post("/api/v1/drills", "{}")).get("id").asText();
            drc.driveUntil(id, DaemonOnSimulator.ENDED);
            JsonNode drill = drill(id);
            assertThat(drill.get("status").asText()).as(drill.toPrettyString()).isEqualTo("FAILED");
            assertThat(drill.get("error").asText()).isEqualTo("Drc.SmokeCheckFailed");
            assertThat(drill.get("cause").asText()).contains("answered 503, not the expected 200")
                    .contains("the drill's cleanup is done");
            assertThat(drill.get("rtoSeconds").isNull()).as("it never recovered").isTrue();
            assertThat(drill.get("leftovers")).isEmpty();
            assertThat(records(DRILL_RECORD)).as("removed at cleanup").isEmpty();

            var theirs = software.amazon.awssdk.services.route53.model.ResourceRecordSet.builder().name(DRILL_RECORD)
                    .type(software.amazon.awssdk.services.route53.model.RRType.CNAME).ttl(300L)
                    .resourceRecords(v -> v.value("status.shop.example.com")).build();
            drc.aws.route53().changeResourceRecordSets(r -> r.hostedZoneId(drc.demo.hostedZoneId()).changeBatch(b -> b
                    .changes(c -> c.action(software.amazon.awssdk.services.route53.model.ChangeAction.CREATE)
                            .resourceRecordSet(theirs))));
            long since = drc.simulator.journal().lastSeq();
            String second = DaemonOnSimulator.body(drc.post("/api/v1/drills", "{}")).get("id").asText();
            drc.driveUntil(second, DaemonOnSimulator.ENDED);
            JsonNode refused = drill(second);
            assertThat(refused.get("status").asText()).as(refused.toPrettyString()).isEqualTo("FAILED");
            assertThat(refused.get("error").asText()).isEqualTo("Drc.Conflict");
            assertThat(refused.get("cause").asText()).contains("drills.dns.recordName " + DRILL_RECORD)
                    .contains("not this drill's");
            assertThat(refused.get("leftovers")).isEmpty();
            assertThat(records(DRILL_RECORD)).as("the record drc did not make, untouched").containsExactly(theirs);
            assertThat(drc.simulator.journal().since(since)).noneMatch(c -> c.action().equals("ChangeResourceRecordSets"));
        }
    }

    private JsonNode drill(String id) {
        return DaemonOnSimulator.body(drc.api("/api/v1/drills/" + id, DaemonOnSimulator.VIEWER).get());
    }

    private static JsonNode step(JsonNode execution, String name) {
        for (JsonNode step : execution.path("steps")) {
            if (step.path("name").asText().equals(name)) {
                return step;
            }
        }
        throw new AssertionError("no step " + name + " in " + execution.toPrettyString());
    }

    private static String stepStatus(JsonNode execution, String name) {
        for (JsonNode step : execution.path("steps")) {
            if (step.path("name").asText().equals(name)) {
                return step.path("status").asText();
            }
        }
        return null;
    }

    /** Backup-restore's replication keeps copying recovery points while the drill runs: not the drill's calls. */
    private static boolean isReplication(Journal.Call c) {
        return c.params().values().stream().noneMatch(v -> v.contains(PREFIX))
                && List.of("CreateImage", "CopyImage", "CreateDBSnapshot", "CopyDBSnapshot", "CreateSnapshot",
                "CopySnapshot", "CreateTags", "AddTagsToResource", "DeleteDBSnapshot", "DeregisterImage",
                "DeleteSnapshot").contains(c.action());
    }
}
