package io.drc.controller.replication;

import static org.assertj.core.api.Assertions.assertThat;

import io.drc.controller.DrcConfiguration;
import io.drc.controller.db.ReplicationJobStore;
import io.drc.controller.db.SchemaMigrator;
import io.drc.controller.testing.StoreDatabases;
import io.drc.controller.testing.TestDatabase;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ArgumentsSource;

/** Quartz with its JDBC job store in drc's database, on H2 and on a real PostgreSQL. */
class ReplicationSchedulerTest {

    static DrcConfiguration config(String webSchedule) throws Exception {
        return ReplicationFixture.parse(ReplicationFixture.configYaml("http://127.0.0.1:9", """
                  - {id: web, kind: ec2-instance, resourceId: i-1, rpoTargetSeconds: 900, schedule: "%s"}
                  - {id: data, kind: ebs-volume, resourceId: vol-1, rpoTargetSeconds: 900}
                  - {id: logs, kind: ebs-volume, resourceId: vol-2, rpoTargetSeconds: 900}
                  - {id: replica, kind: rds-replica, resourceId: db-replica, rpoTargetSeconds: 60}
                """.formatted(webSchedule), "  defaultSchedule: \"" + ReplicationFixture.NEVER + "\""));
    }

    static ReplicationScheduler scheduler(DataSource dataSource, TestDatabase database, DrcConfiguration config) {
        return scheduler(dataSource, database, config, Duration.ofMinutes(1));
    }

    static ReplicationScheduler scheduler(DataSource dataSource, TestDatabase database, DrcConfiguration config,
                                          Duration misfireThreshold) {
        ReplicationContext context = new ReplicationContext(config);
        ReplicationEngine engine = new ReplicationEngine(context, new ReplicationJobStore(Jdbi.create(dataSource)),
                List.of(), null, null, null, null, null, null, new ReplicationPause(Optional::empty, config.getDrRegion()),
                Clock.systemUTC());
        return new ReplicationScheduler(dataSource, database.name().equals("PostgreSQL"), context, engine,
                id -> config.scheduleOf(context.resource(id)), misfireThreshold);
    }

    /**
     * Quartz judges fire times and misfires on the wall clock (it takes no injected clock), so this test is
     * short and waits on the wall clock with deadlines: a fire time 8 s ahead, a misfire threshold of 1 s.
     */
    @ParameterizedTest(name = "{0}")
    @ArgumentsSource(StoreDatabases.class)
    void aFireTimeMissedWhileTheDaemonWasDownFiresOnceOnRestart(TestDatabase database) throws Exception {
        DataSource dataSource = database.dataSource();
        SchemaMigrator.migrate(dataSource);
        Instant fireAt = Instant.now().plusSeconds(8).truncatedTo(ChronoUnit.SECONDS);
        // Once a minute, at the second of fireAt: the next fire time is fireAt.
        String cron = fireAt.atZone(ZoneOffset.UTC).getSecond() + " * * * * ?";
        Duration threshold = Duration.ofSeconds(1);
        var jobs = new ReplicationJobStore(Jdbi.create(dataSource));

        ReplicationScheduler first = scheduler(dataSource, database, config(cron), threshold);
        first.start();
        assertThat(first.nextFireTimes()).containsEntry("web", fireAt);
        first.stop();
        assertThat(jobs.byResource("web")).as("the daemon went down before the fire time").isEmpty();

        waitUntil(fireAt.plus(threshold).plusMillis(500)); // down across the fire time, past the threshold
        ReplicationScheduler second = scheduler(dataSource, database, config(cron), threshold);
        second.start();
        try {
            Instant deadline = Instant.now().plusSeconds(20);
            while (jobs.byResource("web").isEmpty() && Instant.now().isBefore(deadline)) {
                Thread.sleep(50);
            }
            assertThat(jobs.byResource("web")).as("the missed firing, made up at restart").hasSize(1);
            Instant restartedAt = Instant.now();
            assertThat(second.nextFireTimes().get("web")).as("once: the next firing is the cron's next minute")
                    .isAfter(restartedAt.plusSeconds(30));
            assertThat(jobs.byResource("data")).isEmpty();
        } finally {
            second.stop();
        }
    }

    static void waitUntil(Instant wallClock) throws InterruptedException {
        while (Instant.now().isBefore(wallClock)) {
            Thread.sleep(50);
        }
    }

    @ParameterizedTest(name = "{0}")
    @ArgumentsSource(StoreDatabases.class)
    void triggersArePersistedKeptInStepWithConfigAndFireCycles(TestDatabase database) throws Exception {
        DataSource dataSource = database.dataSource();
        SchemaMigrator.migrate(dataSource);

        ReplicationScheduler first = scheduler(dataSource, database, config("0 0/5 * * * ?"));
        first.start();
        assertThat(first.schedules()).containsExactly(java.util.Map.entry("data", ReplicationFixture.NEVER),
                java.util.Map.entry("logs", ReplicationFixture.NEVER), java.util.Map.entry("web", "0 0/5 * * * ?"));
        assertThat(first.triggerCount()).as("one trigger per distinct schedule, not per resource").isEqualTo(2);
        first.stop();

        // A restart with a changed schedule: the stored trigger is replaced, and now fires every second.
        ReplicationScheduler second = scheduler(dataSource, database, config("* * * * * ?"));
        second.start();
        try {
            assertThat(second.schedules()).containsEntry("web", "* * * * * ?").containsEntry("data", ReplicationFixture.NEVER);
            assertThat(second.triggerCount()).as("the schedule no resource uses any more is gone").isEqualTo(2);
            var jobs = new ReplicationJobStore(Jdbi.create(dataSource));
            Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
            while (jobs.byResource("web").isEmpty() && Instant.now().isBefore(deadline)) {
                Thread.sleep(50); // Quartz fires on the wall clock; poll it without hammering the store it needs
            }
            assertThat(jobs.byResource("web")).as("the cron trigger started a cycle").hasSize(1);
            assertThat(jobs.byResource("data")).isEmpty();
        } finally {
            second.stop();
        }
    }
}
