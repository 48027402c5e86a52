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
    void aSchedulesPeriodIsTheGapBetweenItsNextTwoFirings() {
        assertThat(ReplicationPlanner.period("0 0/5 * * * ?", NOW)).isEqualTo(Duration.ofMinutes(5));
        assertThat(ReplicationPlanner.period("0 0 10 ? * TUE", NOW)).isEqualTo(Duration.ofDays(7));
        assertThat(ReplicationPlanner.period(ReplicationFixture.NEVER, NOW)).isGreaterThan(Duration.ofDays(3000));
    }

    @Test
    void aFloorEarlierThanTheTargetStartsTheResourceByTheFloor() {
        Instant floor = NOW.plusSeconds(400);
        DeadlinePlan.Result result = DeadlinePlan.plan(List.of(floored("a", NOW.plusSeconds(3000), floor)), 20, NOW,
                MARGIN, true);
        // 400 − 60 margin − 60 source − 180 copy: it starts in 100 s, not in 2,700
        assertThat(result.nextStart()).isEqualTo(NOW.plusSeconds(100));
        assertThat(DeadlinePlan.plan(List.of(floored("a", NOW.plusSeconds(300), NOW.plusSeconds(3000))), 20, NOW,
                MARGIN, true).startNow()).as("a later floor changes nothing").containsExactly("a");
    }

    @Test
    void aFloorNeverTakesASlotATargetNeeds() {
        // One slot. "target" breaches its target unless copied first; "floored" has a far target but its floor is
        // overdue: the target's copy goes first and the floor's source starts when the slot nears.
        Candidate target = idle("target", NOW.plusSeconds(300));
        Candidate floored = floored("floored", NOW.plusSeconds(5000), NOW.minusSeconds(10));
        DeadlinePlan.Result result = DeadlinePlan.plan(List.of(floored, target), 1, NOW, MARGIN, true);
        assertThat(result.startNow()).containsExactly("target");
        assertThat(result.nextStart()).isEqualTo(NOW.plusSeconds(240 - 60).minus(DeadlinePlan.lead(SOURCE)));
    }

    @Test
    void aThousandFloorsReachedAtOnceStartOnlyWhatTheSlotsTakeSoon() {
        // what a schedule's firing did under deadline scheduling before the floor went through the plan: every
        // resource's source at once; now the sources of those that must queue start when their slot nears
        List<Candidate> candidates = IntStream.range(0, 1000)
                .mapToObj(i -> floored("v%04d".formatted(i), NOW.plusSeconds(3000 + i), NOW.minusSeconds(1)))
                .toList();
        DeadlinePlan.Result result = DeadlinePlan.plan(candidates, 20, NOW, MARGIN, true);
        assertThat(result.startNow()).hasSize(20);
        assertThat(result.nextStart()).isEqualTo(NOW.plusSeconds(240 - 60).minus(DeadlinePlan.lead(SOURCE)));
    }

    static Candidate floored(String id, Instant deadline, Instant floor) {
        return new Candidate(id, State.IDLE, deadline, NOW.plus(SOURCE), SOURCE, COPY, floor);
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
