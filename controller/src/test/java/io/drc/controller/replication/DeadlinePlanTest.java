package io.drc.controller.replication;

import static org.assertj.core.api.Assertions.assertThat;

import io.drc.controller.config.ReplicationConfig;
import io.drc.controller.replication.DeadlinePlan.Candidate;
import io.drc.controller.replication.DeadlinePlan.State;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Table-like tests of the pure parts of deadline scheduling: the plan and the feasibility arithmetic. */
class DeadlinePlanTest {
    static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
    static final Duration SOURCE = Duration.ofSeconds(60);
    static final Duration COPY = Duration.ofSeconds(180);
    static final Duration MARGIN = Duration.ofSeconds(60);

    static Candidate idle(String id, Instant deadline) {
        return new Candidate(id, State.IDLE, deadline, NOW.plus(SOURCE), SOURCE, COPY);
    }

    @Test
    void anIdleResourceStartsWhenItsCopyWouldOtherwiseCompleteLaterThanTheMarginBeforeItsDeadline() {
        Instant deadline = NOW.plusSeconds(1000);
        DeadlinePlan.Result early = DeadlinePlan.plan(List.of(idle("a", deadline)), 20, NOW, MARGIN, true);
        assertThat(early.startNow()).isEmpty();
        // 1000 − 60 margin − 60 source − 180 copy: it starts in 700 s and completes at the margin.
        assertThat(early.nextStart()).isEqualTo(NOW.plusSeconds(700));
        assertThat(early.predictedDone()).containsEntry("a", deadline.minus(MARGIN));

        DeadlinePlan.Result due = DeadlinePlan.plan(List.of(idle("a", NOW.plusSeconds(300))), 20, NOW, MARGIN, true);
        assertThat(due.startNow()).containsExactly("a");
        assertThat(due.predictedDone()).containsEntry("a", NOW.plusSeconds(240));
    }

    @Test
    void theQueueAheadMakesAResourceStartEarlier() {
        // One slot, busy for 10 more minutes: "a" must start so its copy follows at once.
        Candidate copying = new Candidate("busy", State.IN_FLIGHT, NOW.plusSeconds(5000), NOW.plusSeconds(600), SOURCE, COPY);
        Instant deadline = NOW.plusSeconds(1200);
        DeadlinePlan.Result result = DeadlinePlan.plan(List.of(copying, idle("a", deadline)), 1, NOW, MARGIN, true);
        // Slot free at +600, copy done at +780: its latest start is now + (1200 − 60 − 780) = +360, but started then
        // its source would wait for the slot; it starts when the source is needed, +600 − 60 − a little lead.
        assertThat(result.startNow()).isEmpty();
        assertThat(result.nextStart()).isEqualTo(NOW.plusSeconds(600 - 60).minus(DeadlinePlan.lead(SOURCE)));
        assertThat(result.predictedDone()).containsEntry("busy", NOW.plusSeconds(600))
                .containsEntry("a", NOW.plusSeconds(780));

        // With its deadline nearer it is late whatever happens; starting its source now would not make the copy
        // sooner (the slot is busy), only older: it still starts just in time, and is predicted late.
        DeadlinePlan.Result late = DeadlinePlan.plan(List.of(copying, idle("a", NOW.plusSeconds(700))), 1, NOW,
                MARGIN, true);
        assertThat(late.startNow()).isEmpty();
        assertThat(late.predictedDone()).containsEntry("a", NOW.plusSeconds(780));
    }

    @Test
    void overdueResourcesStartJustInTimeForTheirSlotsEarliestDeadlineFirst() {
        List<Candidate> candidates = new ArrayList<>();
        IntStream.range(0, 40).forEach(i -> candidates.add(
                idle("r%02d".formatted(i), i == 39 ? null : NOW.minusSeconds(1000 - i))));
        DeadlinePlan.Result result = DeadlinePlan.plan(candidates, 20, NOW, MARGIN, true);
        // 20 slots free now: 20 sources start now; the 20 others would wait for a slot (+240 s) and start later,
        // so their sources do not age in the queue. No recovery point at all (r39) goes first.
        assertThat(result.startNow()).hasSize(20).contains("r39", "r00", "r18").doesNotContain("r19");
        assertThat(result.nextStart()).isEqualTo(NOW.plusSeconds(240 - 60).minus(DeadlinePlan.lead(SOURCE)));
        assertThat(result.predictedDone().get("r19")).isEqualTo(NOW.plusSeconds(240 + 180));
    }

    @Test
    void aScheduleIsAFloorOnTheDeadlineOnlyWhereItIsShorterThanTheTarget() {
        Instant source = NOW.minusSeconds(100);
        Duration fiveMinutes = ReplicationPlanner.period("0 0/5 * * * ?", NOW);
        assertThat(fiveMinutes).isEqualTo(Duration.ofMinutes(5));
        assertThat(ReplicationPlanner.period("0 0 10 ? * TUE", NOW)).isEqualTo(Duration.ofDays(7));
        Duration floor = fiveMinutes.plus(SOURCE).plus(COPY); // a new source at most 5 minutes after the last
        assertThat(ReplicationPlanner.deadline(source, 3600, floor)).isEqualTo(source.plusSeconds(300 + 60 + 180));
        assertThat(ReplicationPlanner.deadline(source, 400, floor)).isEqualTo(source.plusSeconds(400));
        assertThat(ReplicationPlanner.deadline(source, 3600, null)).as("cron scheduling: the target alone")
                .isEqualTo(source.plusSeconds(3600));
        assertThat(ReplicationPlanner.deadline(source, 3600,
                ReplicationPlanner.period(ReplicationFixture.NEVER, NOW))).isEqualTo(source.plusSeconds(3600));
    }

    @Test
    void aFloorReachedByAThousandResourcesAtOnceStartsOnlyWhatTheSlotsTakeSoon() {
        // what a schedule's firing did under deadline scheduling before the floor went through the plan: every
        // resource's source at once; now the sources of those that must queue start when their slot nears
        Instant floorReached = NOW.minusSeconds(1);
        List<Candidate> candidates = IntStream.range(0, 1000)
                .mapToObj(i -> idle("v%04d".formatted(i), floorReached)).toList();
        DeadlinePlan.Result result = DeadlinePlan.plan(candidates, 20, NOW, MARGIN, true);
        assertThat(result.startNow()).hasSize(20);
        assertThat(result.nextStart()).isEqualTo(NOW.plusSeconds(240 - 60).minus(DeadlinePlan.lead(SOURCE)));
    }

    @Test
    void startedJobsHoldTheirPlaceAndCronSchedulingStartsNothing() {
        Candidate queued = new Candidate("q", State.STARTED, NOW.minusSeconds(10), NOW.plusSeconds(30), SOURCE, COPY);
        Candidate idleLate = idle("i", NOW.minusSeconds(5));
        DeadlinePlan.Result cron = DeadlinePlan.plan(List.of(queued, idleLate), 1, NOW, MARGIN, false);
        assertThat(cron.startNow()).isEmpty();
        assertThat(cron.nextStart()).isNull();
        assertThat(cron.predictedDone()).containsEntry("q", NOW.plusSeconds(210))
                .containsEntry("i", NOW.plusSeconds(390));
    }

    @Test
    void feasibilityNamesTheNumbersAndWhatWouldBeFeasible() {
        var limits = new ReplicationConfig.MaxConcurrentCopies(20, 300, 20);
        List<Feasibility.Demand> ebs = IntStream.range(0, 10_000).mapToObj(i -> new Feasibility.Demand(
                "vol-" + i, CopyGroup.EBS, 1800, Duration.ofSeconds(6), Duration.ofSeconds(9))).toList();
        Feasibility.Verdict verdict = Feasibility.assess(ebs, limits, MARGIN).get(0);
        assertThat(verdict.feasible()).isFalse();
        assertThat(verdict.round()).isEqualTo(Duration.ofMinutes(75));
        assertThat(verdict.describe()).isEqualTo("10000 EBS volumes × ~9 s copies need 75 min per round through "
                + "20 slots: targets from 30 min cannot all be met (they need 53 concurrent copies); feasible: "
                + "targets of at least 76 min, or 3 DR regions");

        List<Feasibility.Demand> fewer = ebs.subList(0, 1000);
        assertThat(Feasibility.assess(fewer, limits, MARGIN).get(0).feasible()).isTrue();
        Feasibility.Verdict tooShort = Feasibility.assess(List.of(new Feasibility.Demand("db", CopyGroup.RDS, 300,
                Duration.ofSeconds(120), Duration.ofSeconds(600))), limits, MARGIN).get(0);
        assertThat(tooShort.feasible()).isFalse();
        assertThat(tooShort.describe()).contains("shorter than one source and copy plus the margin")
                .contains("at least 14 min");
    }
}
