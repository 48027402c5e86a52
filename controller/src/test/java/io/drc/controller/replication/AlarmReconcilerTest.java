package io.drc.controller.replication;

import static org.assertj.core.api.Assertions.assertThat;

import io.drc.simulator.core.Journal;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.ComparisonOperator;
import software.amazon.awssdk.services.cloudwatch.model.Statistic;

/**
 * RPO alarms are reconciled off replication's path: existing ones read in pages of 100 by name prefix, only the
 * missing and the changed ones put; the replication tick itself makes no alarm call.
 */
class AlarmReconcilerTest {
    static final int VOLUMES = 150;
    ReplicationFixture f;

    @AfterEach
    void stop() {
        if (f != null) {
            f.close();
        }
    }

    static String volumes() {
        return IntStream.range(0, VOLUMES).mapToObj(i -> "  - {id: vol-%03d, kind: ebs-volume, resourceId: vol-%017d, rpoTargetSeconds: 900}"
                .formatted(i, i)).collect(Collectors.joining("\n"));
    }

    List<Journal.Call> since(long seq, String action) {
        return f.simulator.journal().since(seq).stream().filter(c -> c.action().equals(action)).toList();
    }

    @Test
    void aPassPutsOnlyTheMissingAndChangedAlarmsAfterReadingThemInPagesOfAHundred() throws Exception {
        f = new ReplicationFixture((demo, clients) -> volumes(), "");
        // The fixture's start-up pass created every alarm.
        assertThat(since(0, "PutMetricAlarm")).hasSize(VOLUMES);
        try (CloudWatchClient cw = f.clients.cloudWatch("us-west-2")) {
            cw.deleteAlarms(r -> r.alarmNames("drc-shop-vol-007-rpo", "drc-shop-vol-120-rpo"));
            cw.putMetricAlarm(r -> r.alarmName("drc-shop-vol-042-rpo").namespace("DRC").metricName("AchievedRPO")
                    .statistic(Statistic.MAXIMUM).period(60).evaluationPeriods(1).threshold(5000.0)
                    .comparisonOperator(ComparisonOperator.GREATER_THAN_THRESHOLD).treatMissingData("breaching"));
        }
        long seq = f.simulator.journal().lastSeq();

        AlarmReconciler.Pass pass = f.reconcileAlarms();

        assertThat(pass).isEqualTo(new AlarmReconciler.Pass(VOLUMES - 2, 2, 1, 0));
        assertThat(since(seq, "DescribeAlarms")).as("150 alarms in pages of 100").hasSize(2);
        assertThat(since(seq, "PutMetricAlarm")).extracting(c -> c.params().get("AlarmName"))
                .containsExactlyInAnyOrder("drc-shop-vol-007-rpo", "drc-shop-vol-120-rpo", "drc-shop-vol-042-rpo");
        try (CloudWatchClient cw = f.clients.cloudWatch("us-west-2")) {
            assertThat(cw.describeAlarms(r -> r.alarmNames("drc-shop-vol-042-rpo")).metricAlarms())
                    .singleElement().satisfies(a -> assertThat(a.threshold()).isEqualTo(900.0));
        }

        seq = f.simulator.journal().lastSeq();
        assertThat(f.reconcileAlarms()).as("nothing left to do").isEqualTo(new AlarmReconciler.Pass(VOLUMES, 0, 0, 0));
        assertThat(since(seq, "PutMetricAlarm")).isEmpty();
    }

    @Test
    void theReplicationTickMakesNoAlarmCall() throws Exception {
        f = ReplicationFixture.demo();
        long seq = f.simulator.journal().lastSeq();

        f.runUntil(() -> false, 3);

        assertThat(f.simulator.journal().since(seq)).extracting(Journal.Call::action)
                .contains("PutMetricData").doesNotContain("PutMetricAlarm", "DescribeAlarms");
    }
}
