package io.drc.controller.replication;

import static org.assertj.core.api.Assertions.assertThat;

import io.drc.simulator.core.Journal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Deadline scheduling on a manual clock, no cron firing at all: every resource is copied as its RPO nears its
 * target (target − expected copy duration − queue wait − margin), each copy completes before the target, and the
 * predicted RPO says what happens.
 */
class DeadlineSchedulingTest {
    static final Duration RUN = Duration.ofHours(3);
    ReplicationFixture f;

    @AfterEach
    void stop() {
        if (f != null) {
            f.close();
        }
    }

    /** The first time each resource's RPO could be measured (it has a recovery point in DR). */
    final Map<String, Instant> protectedAt = new HashMap<>();

    /** The ticker's heartbeats, the clock jumping to each next wake; the achieved RPO ÷ target sampled at each. */
    Map<String, List<Double>> run(Duration length) {
        Map<String, List<Double>> ratios = new HashMap<>();
        Instant end = f.clock.instant().plus(length);
        while (f.clock.instant().isBefore(end)) {
            f.wiring.ticker().tick();
            for (var resource : f.wiring.context().resources()) {
                // From the catalog at every heartbeat, not the monitor's minute: the RPO peaks just before a copy.
                f.catalog.latestCompleted(resource.id(), "us-west-2").ifPresent(point -> {
                    protectedAt.putIfAbsent(resource.id(), f.clock.instant());
                    ratios.computeIfAbsent(resource.id(), r -> new ArrayList<>()).add(
                            Duration.between(point.sourceTime(), f.clock.instant()).toMillis() / 1000.0
                                    / resource.rpoTargetSeconds());
                });
            }
            Instant wake = f.wiring.ticker().nextWake();
            f.clock.advance(Duration.between(f.clock.instant(), wake).compareTo(Duration.ofMillis(100)) < 0
                    ? Duration.ofMillis(100) : Duration.between(f.clock.instant(), wake));
        }
        return ratios;
    }

    @Test
    void eachResourceIsCopiedAsItsRpoNearsItsTargetAndNeverBreachesIt() throws Exception {
        f = new ReplicationFixture("""
                  - {id: web, kind: ec2-instance, resourceId: %s, rpoTargetSeconds: 1800}
                  - {id: web-data, kind: ebs-volume, resourceId: %s, rpoTargetSeconds: 1200}
                  - {id: shop-db, kind: rds-instance, resourceId: shop-db, rpoTargetSeconds: 3600}
                """, "  scheduling: deadline\n  measureInterval: 60s\n  deadlineMargin: 60s\n  defaultSchedule: \""
                + ReplicationFixture.NEVER + "\"");

        Instant start = f.clock.instant();
        Map<String, List<Double>> ratios = run(RUN);

        for (String resource : List.of("web", "web-data", "shop-db")) {
            assertThat(protectedAt.get(resource)).as(resource + " protected within the first quarter hour")
                    .isBefore(start.plus(Duration.ofMinutes(15)));
            List<Double> measured = ratios.get(resource);
            assertThat(measured).as("achieved RPO ÷ target of " + resource).allSatisfy(r -> assertThat(r).isLessThanOrEqualTo(1.0));
            assertThat(f.wiring.planner().predictedRpoSeconds(resource)).as("predicted RPO of " + resource).isNotNull()
                    .isLessThanOrEqualTo((double) f.wiring.context().resource(resource).rpoTargetSeconds());
        }
        // Copies come as the deadline nears, not every cycle: web-data (target 20 min, source 1 min + copy 3 min,
        // margin 1 min) is copied about every 15 minutes; shop-db (target 1 h) about every 46 minutes.
        Map<String, Long> copies = f.simulator.journal().select(c -> c.action().startsWith("Copy") && c.status() < 300)
                .stream().collect(Collectors.groupingBy(Journal.Call::action, Collectors.counting()));
        assertThat(copies.get("CopySnapshot")).isBetween(11L, 14L);
        assertThat(copies.get("CopyDBSnapshot")).isBetween(3L, 5L);
        assertThat(copies.get("CopyImage")).isBetween(6L, 9L);
    }

    /**
     * A schedule more frequent than the target is a floor: the database (target 1 h) is copied every 15 minutes, not
     * every 46; each new source comes at most 15 minutes after the last, although no trigger fires at all.
     */
    @Test
    void aScheduleMoreFrequentThanTheTargetIsAFloorOnTheGapBetweenRecoveryPoints() throws Exception {
        f = new ReplicationFixture("""
                  - {id: shop-db, kind: rds-instance, resourceId: shop-db, rpoTargetSeconds: 3600, schedule: "0 0/15 * * * ?"}
                """, "  scheduling: deadline\n  measureInterval: 60s\n  deadlineMargin: 60s");

        Map<String, List<Double>> ratios = run(Duration.ofHours(1));

        List<Journal.Call> sources = f.simulator.journal().select(c -> c.action().equals("CreateDBSnapshot")
                && c.status() < 300);
        assertThat(sources).as("a source at least every 15 minutes for an hour").hasSizeBetween(4, 6);
        for (int i = 1; i < sources.size(); i++) {
            assertThat(Duration.between(sources.get(i - 1).at(), sources.get(i).at()))
                    .as("gap between sources %d and %d", i - 1, i).isLessThanOrEqualTo(Duration.ofMinutes(15));
        }
        assertThat(ratios.get("shop-db")).allSatisfy(r -> assertThat(r).isLessThanOrEqualTo(0.5));
    }

    @Test
    void infeasibleTargetsAreReportedAtStartWithTheNumbers() throws Exception {
        f = new ReplicationFixture((demo, clients) -> IntStream.range(0, 150).mapToObj(i ->
                "  - {id: vol-%03d, kind: ebs-volume, resourceId: vol-%017d, rpoTargetSeconds: 1200}".formatted(i, i))
                .collect(Collectors.joining("\n")), "  scheduling: deadline\n  maxConcurrentCopies: {ebs: 5}");

        List<Feasibility.Verdict> infeasible = f.wiring.warnIfInfeasible();

        assertThat(infeasible).singleElement().satisfies(v -> assertThat(v.describe()).startsWith(
                "150 EBS volumes × ~3 min copies need 90 min per round through 5 slots: targets from 20 min cannot "
                        + "all be met"));
    }
}
