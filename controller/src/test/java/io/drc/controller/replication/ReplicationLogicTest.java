package io.drc.controller.replication;

import static org.assertj.core.api.Assertions.assertThat;

import io.drc.controller.core.ResourceKind;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Table tests of the pure parts: job transitions, copy queue ordering, retention selection, RPO. */
class ReplicationLogicTest {
    static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
    static final JobTransitions T = new JobTransitions(Duration.ofSeconds(15), Duration.ofSeconds(30),
            Duration.ofMinutes(10), Duration.ofMinutes(3), 3);

    static ReplicationJob job(JobStep step, int attempts) {
        return new ReplicationJob(7, "data", ResourceKind.EBS_VOLUME, step, "snap-src", NOW.minusSeconds(60), null, 0,
                attempts, NOW, attempts > 0 ? "earlier error" : null, NOW, NOW, 4);
    }

    static Stream<Arguments> transitions() {
        var quota = new StepOutcome.Retry(StepOutcome.ErrorClass.QUOTA, "ResourceLimitExceeded: too many");
        var missing = new StepOutcome.Retry(StepOutcome.ErrorClass.RESOURCE, "InvalidVolume.NotFound: gone");
        return Stream.of(
                // outcome, attempts before → step, attempts, next attempt, error
                Arguments.of(new StepOutcome.Advance(JobStep.AWAIT_COPY, null, null, "snap-copy"), 2,
                        JobStep.AWAIT_COPY, 0, NOW, null),
                Arguments.of(new StepOutcome.Wait(), 0, JobStep.COPY, 0, NOW.plusSeconds(15), null),
                Arguments.of(quota, 0, JobStep.COPY, 1, NOW.plusSeconds(30), quota.error()),
                Arguments.of(quota, 3, JobStep.COPY, 4, NOW.plusSeconds(180), quota.error()),
                Arguments.of(quota, 2, JobStep.COPY, 3, NOW.plusSeconds(120), quota.error()),
                Arguments.of(quota, 30, JobStep.COPY, 31, NOW.plusSeconds(180), quota.error()),
                Arguments.of(missing, 0, JobStep.COPY, 1, NOW.plusSeconds(30), missing.error()),
                Arguments.of(new StepOutcome.Retry(StepOutcome.ErrorClass.TRANSIENT, "500"), 30, JobStep.COPY, 31,
                        NOW.plusSeconds(600), "500"),
                Arguments.of(missing, 2, JobStep.FAILED, 3, NOW, missing.error() + " (gave up after 3 attempts)"),
                Arguments.of(new StepOutcome.Fail("copy ended in error"), 0, JobStep.FAILED, 0, NOW,
                        "copy ended in error"));
    }

    @ParameterizedTest
    @MethodSource("transitions")
    void stepOutcomesMoveTheJob(StepOutcome outcome, int attemptsBefore, JobStep step, int attempts,
                                Instant nextAttempt, String error) {
        ReplicationJob next = T.apply(job(JobStep.COPY, attemptsBefore), outcome, NOW);
        assertThat(next.step()).isEqualTo(step);
        assertThat(next.attempts()).isEqualTo(attempts);
        assertThat(next.nextAttemptAt()).isEqualTo(nextAttempt);
        assertThat(next.lastError()).isEqualTo(error);
        assertThat(next.version()).as("the version read, for the optimistic update").isEqualTo(4);
    }

    @Test
    void advanceKeepsWhatEarlierStepsLearnedAndAddsTheNew() {
        ReplicationJob next = T.apply(job(JobStep.COPY, 0),
                new StepOutcome.Advance(JobStep.AWAIT_COPY, null, null, "snap-copy"), NOW);
        assertThat(next.sourceId()).isEqualTo("snap-src");
        assertThat(next.sourceTime()).isEqualTo(NOW.minusSeconds(60));
        assertThat(next.copyId()).isEqualTo("snap-copy");
    }

    static Stream<Arguments> queues() {
        var a = new CopyQueue.Candidate(1, NOW.plusSeconds(700));
        var b = new CopyQueue.Candidate(2, NOW.plusSeconds(60));
        var c = new CopyQueue.Candidate(3, null);
        var d = new CopyQueue.Candidate(4, NOW.plusSeconds(60));
        return Stream.of(
                Arguments.of(List.of(a, b, c, d), 0, 20, List.of(3L, 2L, 4L, 1L)),
                Arguments.of(List.of(a, b, c, d), 18, 20, List.of(3L, 2L)),
                Arguments.of(List.of(a, b, c, d), 20, 20, List.of()),
                Arguments.of(List.of(a, b, c, d), 25, 20, List.of()),
                Arguments.of(List.of(d, b), 19, 20, List.of(2L)),
                Arguments.of(List.of(), 0, 20, List.of()));
    }

    @ParameterizedTest
    @MethodSource("queues")
    void earliestDeadlineGoesFirstWithinTheFreeSlots(List<CopyQueue.Candidate> waiting, int inFlight, int limit,
                                                      List<Long> admitted) {
        assertThat(CopyQueue.admit(waiting, inFlight, limit)).containsExactlyElementsOf(admitted);
    }

    static RetentionPolicy.Point p(String id, int hoursAgo) {
        return new RetentionPolicy.Point(id, NOW.minus(Duration.ofHours(hoursAgo)));
    }

    static Stream<Arguments> retention() {
        var points = List.of(p("p2", 2), p("p0", 0), p("p5", 5), p("p1", 1), p("p9", 9));
        return Stream.of(
                Arguments.of(new RetentionPolicy(3, null), points, List.of("p5", "p9")),
                Arguments.of(new RetentionPolicy(1, null), points, List.of("p1", "p2", "p5", "p9")),
                Arguments.of(new RetentionPolicy(10, null), points, List.of()),
                Arguments.of(new RetentionPolicy(null, Duration.ofHours(3)), points, List.of("p5", "p9")),
                Arguments.of(new RetentionPolicy(4, Duration.ofHours(3)), points, List.of("p5", "p9")),
                Arguments.of(new RetentionPolicy(2, Duration.ofHours(6)), points, List.of("p2", "p5", "p9")),
                // the newest point survives even when older than maxAge
                Arguments.of(new RetentionPolicy(null, Duration.ofMinutes(1)), List.of(p("old", 5), p("older", 8)),
                        List.of("older")),
                Arguments.of(new RetentionPolicy(1, null), List.of(), List.of()));
    }

    @ParameterizedTest
    @MethodSource("retention")
    void retentionKeepsTheNewestAndPrunesByCountAndAge(RetentionPolicy policy, List<RetentionPolicy.Point> points,
                                                       List<String> deleted) {
        assertThat(policy.toDelete(points, NOW)).extracting(RetentionPolicy.Point::awsId)
                .containsExactlyElementsOf(deleted);
    }

    static Stream<Arguments> rpos() {
        return Stream.of(
                Arguments.of(RpoMeasurement.fromSourceTime("r", NOW.minusSeconds(300), 900, null, NOW), 300.0, true, null),
                Arguments.of(RpoMeasurement.fromSourceTime("r", NOW.minusSeconds(1000), 900, null, NOW), 1000.0, false,
                        "achieved RPO 1000 s exceeds the target of 900 s"),
                Arguments.of(RpoMeasurement.fromSourceTime("r", NOW.minusSeconds(300), 900, "retrying: x", NOW), 300.0,
                        true, "retrying: x"),
                Arguments.of(RpoMeasurement.fromSourceTime("r", null, 900, null, NOW), null, false,
                        "no completed recovery point in the DR region yet"),
                Arguments.of(RpoMeasurement.fromReplicaLag("r", 4.0, "replicating", 60, NOW), 4.0, true, null),
                Arguments.of(RpoMeasurement.fromReplicaLag("r", 90.0, "replicating", 60, NOW), 90.0, false,
                        "achieved RPO 90 s exceeds the target of 60 s"),
                Arguments.of(RpoMeasurement.fromReplicaLag("r", -1.0, "stopped", 60, NOW), null, false,
                        "replication is not active (ReplicaLag -1.0, status stopped)"),
                Arguments.of(RpoMeasurement.fromReplicaLag("r", null, "replicating", 60, NOW), null, false,
                        "replication is not active (ReplicaLag missing, status replicating)"),
                Arguments.of(RpoMeasurement.fromReplicaLag("r", 3.0, "error", 60, NOW), 3.0, false,
                        "replication status is error"));
    }

    @ParameterizedTest
    @MethodSource("rpos")
    void rpoIsMeasuredFromTheNewestCompletedPointOrTheReplicaLag(RpoMeasurement m, Double rpo, boolean compliant,
                                                                 String reason) {
        assertThat(m.rpoSeconds()).isEqualTo(rpo);
        assertThat(m.compliant()).isEqualTo(compliant);
        assertThat(m.reason()).isEqualTo(reason);
    }
}
