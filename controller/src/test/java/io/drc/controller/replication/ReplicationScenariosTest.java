package io.drc.controller.replication;

import static org.assertj.core.api.Assertions.assertThat;

import io.drc.controller.api.RecoveryPointState;
import io.drc.simulator.core.Journal;
import io.drc.simulator.ec2.Ec2State;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.Statistic;

/** Slow copies, a restart mid-copy, a missing resource: replication against the simulator over HTTP. */
class ReplicationScenariosTest {
    ReplicationFixture f;

    @AfterEach
    void stop() {
        if (f != null) {
            f.close();
        }
    }

    boolean jobsDone() {
        return f.wiring.engine().jobs().active().isEmpty();
    }

    List<Journal.Call> calls(String action) {
        return f.simulator.journal().select(c -> c.action().equals(action) && c.status() < 300);
    }

    @Test
    void copiesSlowedPastTheTargetMakeTheResourceNonCompliantAndThePublishedMetricShowsIt() throws Exception {
        f = ReplicationFixture.demo();
        f.wiring.engine().startCycle(Optional.of("web-data"));
        assertThat(f.runUntil(this::jobsDone, 50)).isTrue();
        assertThat(f.wiring.monitor().latest("web-data").compliant()).isTrue();

        f.simulator.world().timings().set("ec2.snapshot.copy", Duration.ofHours(2));
        f.wiring.engine().startCycle(Optional.of("web-data"));
        f.runUntil(() -> f.wiring.monitor().latest("web-data").rpoSeconds() > 1200, 60);

        RpoMeasurement slow = f.wiring.monitor().latest("web-data");
        assertThat(slow.compliant()).isFalse();
        assertThat(slow.reason()).startsWith("achieved RPO ").endsWith("exceeds the target of 900 s");
        assertThat(f.wiring.engine().jobs().active()).singleElement()
                .satisfies(job -> assertThat(job.step()).isEqualTo(JobStep.AWAIT_COPY));
        try (CloudWatchClient cw = f.clients.cloudWatch("us-west-2")) {
            var points = cw.getMetricStatistics(r -> r.namespace("DRC").metricName("AchievedRPO")
                    .dimensions(d -> d.name("Application").value("shop"), d -> d.name("Resource").value("web-data"))
                    .startTime(f.clock.instant().minus(Duration.ofHours(1))).endTime(f.clock.instant().plusSeconds(60))
                    .period(60).statistics(Statistic.MAXIMUM)).datapoints();
            assertThat(points).anySatisfy(p -> assertThat(p.maximum()).isGreaterThan(900.0));
        }
    }

    @Test
    void aCycleOfEveryKindMakesNoCallThatAwsAnswersWithAnError() throws Exception {
        f = ReplicationFixture.demo();
        f.wiring.engine().startCycle(Optional.empty());
        assertThat(f.runUntil(this::jobsDone, 80)).isTrue();

        // Looking before creating must not cost refused calls (RDS answers a look-up by identifier with
        // DBSnapshotNotFound; the benchmark counted those as refusals).
        assertThat(f.simulator.journal().select(c -> c.errorCode() != null))
                .extracting(c -> c.action() + " " + c.errorCode()).isEmpty();
        assertThat(calls("CopyDBSnapshot")).hasSize(1);
    }

    @Test
    void aRestartInTheMiddleOfCopiesTracksThemToCompletionWithoutASecondCopy() throws Exception {
        f = ReplicationFixture.demo();
        f.wiring.engine().startCycle(Optional.empty());
        f.runUntil(() -> f.wiring.engine().jobs().active().stream().allMatch(j -> j.step() == JobStep.AWAIT_COPY), 40);
        assertThat(f.wiring.engine().jobs().active()).hasSize(3)
                .allSatisfy(j -> assertThat(j.step()).isEqualTo(JobStep.AWAIT_COPY));

        f.restart();
        assertThat(f.runUntil(this::jobsDone, 80)).isTrue();

        assertThat(calls("CopySnapshot")).hasSize(1);
        assertThat(calls("CopyImage")).hasSize(1);
        assertThat(calls("CopyDBSnapshot")).hasSize(1);
        assertThat(f.wiring.engine().jobs().byResource("web")).singleElement()
                .satisfies(j -> assertThat(j.step()).isEqualTo(JobStep.DONE));
    }

    @Test
    void aRestartBetweenTheCallAndStoringItsResultFindsTheCopyInsteadOfMakingASecond() throws Exception {
        f = ReplicationFixture.demo();
        f.wiring.engine().startCycle(Optional.empty());
        f.runUntil(() -> f.wiring.engine().jobs().active().stream().allMatch(j -> j.step() == JobStep.AWAIT_COPY), 40);
        // As if the daemon died after AWS accepted each copy but before the job row was updated.
        for (ReplicationJob job : f.wiring.engine().jobs().active()) {
            int rewound = f.jdbi.withHandle(h -> h.createUpdate("UPDATE replication_jobs SET step = 'COPY',"
                    + " copy_id = NULL, version = version + 1 WHERE id = :id").bind("id", job.id()).execute());
            assertThat(rewound).isEqualTo(1);
        }
        f.restart();
        assertThat(f.runUntil(this::jobsDone, 80)).isTrue();

        Map<String, Long> copiesPerSource = f.simulator.journal().select(c -> c.action().startsWith("Copy")
                        && c.status() < 300).stream()
                .collect(Collectors.groupingBy(Journal.Call::action, Collectors.counting()));
        // CopyImage is repeated with the same ClientToken (AWS answers with the first image); the others look first.
        assertThat(copiesPerSource).containsEntry("CopySnapshot", 1L).containsEntry("CopyDBSnapshot", 1L);
        try (var ec2 = f.clients.ec2("us-west-2")) {
            assertThat(ec2.describeImages(r -> r.owners("self")).images()).hasSize(1);
        }
        assertThat(f.catalog.byResourceNewestFirst("web")).filteredOn(p -> p.region().equals("us-west-2"))
                .singleElement().satisfies(p -> assertThat(p.state()).isEqualTo(RecoveryPointState.COMPLETED));
    }

    @Test
    void aResourceThatDoesNotExistIsRecordedWithItsReasonAndRetriedWhileOthersReplicate() throws Exception {
        f = new ReplicationFixture("""
                  - {id: web, kind: ec2-instance, resourceId: %s, rpoTargetSeconds: 900}
                  - {id: web-data, kind: ebs-volume, resourceId: %s, rpoTargetSeconds: 900}
                  - {id: ghost, kind: ebs-volume, resourceId: vol-0000000000deadbee, rpoTargetSeconds: 900}
                """, "");
        f.wiring.engine().startCycle(Optional.empty());
        f.runUntil(() -> f.wiring.monitor().latest("web-data") != null && f.wiring.monitor().latest("web-data").compliant()
                && f.wiring.monitor().latest("web").compliant(), 60);

        RpoMeasurement ghost = f.wiring.monitor().latest("ghost");
        assertThat(ghost.compliant()).isFalse();
        assertThat(ghost.rpoSeconds()).isNull();
        assertThat(ghost.reason()).contains("InvalidVolume.NotFound");
        ReplicationJob job = f.wiring.engine().jobs().byResource("ghost").get(0);
        assertThat(job.attempts()).isGreaterThan(1);
        assertThat(job.nextAttemptAt()).isAfter(f.clock.instant().plusSeconds(30));
        assertThat(f.wiring.monitor().latest("web-data").compliant()).isTrue();
        try (CloudWatchClient cw = f.clients.cloudWatch("us-west-2")) {
            f.clock.advance(Duration.ofMinutes(2));
            assertThat(cw.describeAlarms(r -> r.alarmNames("drc-shop-ghost-rpo")).metricAlarms())
                    .singleElement().satisfies(a -> assertThat(a.stateValueAsString()).isEqualTo("ALARM"));
        }
    }

    @Test
    void aKmsKeyTheDrRegionCannotUseIsRecordedOnTheResourceAndTheCopyRetried() throws Exception {
        f = new ReplicationFixture("""
                  - {id: web-data, kind: ebs-volume, resourceId: %2$s, rpoTargetSeconds: 900,
                     kmsKeyId: "arn:aws:kms:us-east-1:123456789012:key/primary-only"}
                """, "");
        f.wiring.engine().startCycle(Optional.empty());
        f.runUntil(() -> f.wiring.engine().jobs().byResource("web-data").get(0).attempts() >= 3, 40);

        ReplicationJob job = f.wiring.engine().jobs().byResource("web-data").get(0);
        assertThat(job.step()).isEqualTo(JobStep.COPY);
        assertThat(job.lastError()).contains("InvalidParameterValue").contains("destination region");
        RpoMeasurement m = f.wiring.monitor().latest("web-data");
        assertThat(m.compliant()).isFalse();
        assertThat(m.reason()).startsWith("replication retrying (COPY): InvalidParameterValue");
        assertThat(calls("CopySnapshot")).isEmpty();
    }

    ReplicationJob newestJob(String resource) {
        List<ReplicationJob> jobs = f.wiring.engine().jobs().byResource(resource);
        return jobs.get(jobs.size() - 1);
    }

    @Test
    void aCopyThatEndsInErrorIsRecordedOnItsResourceCopiedAgainWithBackoffAndAlarmsUntilACopySucceeds()
            throws Exception {
        f = new ReplicationFixture("""
                  - {id: web, kind: ec2-instance, resourceId: %s, rpoTargetSeconds: 3600}
                  - {id: web-data, kind: ebs-volume, resourceId: %s, rpoTargetSeconds: 900}
                  - {id: shop-db, kind: rds-instance, resourceId: shop-db, rpoTargetSeconds: 3600}
                """, "");
        f.wiring.engine().startCycle(Optional.empty());
        assertThat(f.runUntil(this::jobsDone, 80)).isTrue();
        f.wiring.engine().startCycle(Optional.of("web-data")); // a fresh copy: its RPO starts small
        assertThat(f.runUntil(this::jobsDone, 80)).isTrue();
        String reason = "the source snapshot could not be read";
        f.simulator.world().locked(() -> Ec2State.of(f.simulator.world().region("us-west-2")).snapshotCopyFailures()
                .failNext(4, reason));
        f.wiring.engine().startCycle(Optional.of("web-data"));

        assertThat(f.runUntil(() -> newestJob("web-data").copyFailures() == 1, 20)).isTrue();
        ReplicationJob failed = newestJob("web-data");
        assertThat(failed.step()).isEqualTo(JobStep.COPY);
        assertThat(failed.lastError()).contains("ended in error: " + reason);
        assertThat(failed.nextAttemptAt()).as("copied again after a backoff").isAfter(f.clock.instant());
        RpoMeasurement atFirstFailure = f.wiring.monitor().latest("web-data");
        assertThat(atFirstFailure.reason()).contains("replication retrying (COPY)").contains(reason);
        assertThat(atFirstFailure.rpoSeconds()).isLessThan(900.0);

        assertThat(f.runUntil(() -> f.wiring.monitor().latest("web-data").rpoSeconds() > 900, 40)).isTrue();
        assertThat(newestJob("web-data").step()).as("still failing").isNotEqualTo(JobStep.DONE);
        RpoMeasurement breached = f.wiring.monitor().latest("web-data");
        assertThat(breached.rpoSeconds()).isGreaterThan(atFirstFailure.rpoSeconds());
        assertThat(breached.compliant()).isFalse();
        assertThat(breached.reason()).contains("exceeds the target of 900 s").contains(reason);
        assertThat(f.wiring.monitor().latest("web").compliant()).as("other resources unaffected").isTrue();
        assertThat(f.wiring.monitor().latest("shop-db").compliant()).isTrue();
        f.clock.advance(Duration.ofMinutes(1)); // CloudWatch evaluates the published breach at the next whole minute
        try (CloudWatchClient cw = f.clients.cloudWatch("us-west-2")) {
            assertThat(cw.describeAlarms(r -> r.alarmNames("drc-shop-web-data-rpo")).metricAlarms())
                    .singleElement().satisfies(a -> assertThat(a.stateValueAsString()).isEqualTo("ALARM"));
            assertThat(cw.describeAlarms(r -> r.alarmNames("drc-shop-web-rpo")).metricAlarms())
                    .singleElement().satisfies(a -> assertThat(a.stateValueAsString()).isEqualTo("OK"));
        }

        assertThat(f.runUntil(this::jobsDone, 60)).as("copies succeed once the failures run out").isTrue();
        assertThat(newestJob("web-data")).satisfies(job -> {
            assertThat(job.step()).isEqualTo(JobStep.DONE);
            assertThat(job.copyFailures()).isEqualTo(4);
        });
        assertThat(f.catalog.latestCompleted("web-data", "us-west-2").orElseThrow().awsId())
                .isEqualTo(newestJob("web-data").copyId());
        assertThat(f.wiring.monitor().measure()).filteredOn(m -> m.resourceId().equals("web-data")).singleElement()
                .satisfies(m -> assertThat(m.reason()).as("the copy error is gone").doesNotContain(reason));
        // The copy that finally completed holds data from when the job began; the next cycle is within target.
        f.wiring.engine().startCycle(Optional.of("web-data"));
        assertThat(f.runUntil(this::jobsDone, 20)).isTrue();
        assertThat(f.wiring.monitor().measure()).filteredOn(m -> m.resourceId().equals("web-data")).singleElement()
                .satisfies(m -> {
                    assertThat(m.compliant()).isTrue();
                    assertThat(m.reason()).isNull();
                });
        List<Instant> copies = calls("CopySnapshot").stream().map(Journal.Call::at).toList();
        // two cycles' copies, four that failed and the one that completed, then the last cycle's
        assertThat(copies).hasSize(8);
        copies = copies.subList(0, 7);
        List<Long> gaps = new ArrayList<>();
        for (int i = 3; i < copies.size(); i++) {
            gaps.add(Duration.between(copies.get(i - 1), copies.get(i)).toSeconds());
        }
        assertThat(gaps).as("seconds between copies: the backoff doubles").isSorted();
        assertThat(gaps.get(gaps.size() - 1)).isGreaterThan(gaps.get(0));
        try (var dr = f.clients.ec2("us-west-2")) {
            assertThat(dr.describeSnapshots(r -> r.ownerIds("self")).snapshots())
                    .as("failed copies are deleted").noneSatisfy(s -> assertThat(s.stateAsString()).isEqualTo("error"));
        }
    }
}
