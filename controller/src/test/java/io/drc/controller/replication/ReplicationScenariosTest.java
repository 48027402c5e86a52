package io.drc.controller.replication;

import static org.assertj.core.api.Assertions.assertThat;

import io.drc.controller.api.RecoveryPointState;
import io.drc.simulator.core.Journal;
import java.time.Duration;
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
            assertThat(f.wiring.engine().jobs().update(job.withStep(JobStep.COPY).withCopy(null), f.clock.instant()))
                    .isTrue();
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
}
