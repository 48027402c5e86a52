package io.drc.controller.killnine;

import static io.drc.controller.killnine.FailoverKillNineIT.applied;
import static io.drc.controller.killnine.FailoverKillNineIT.since;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.drc.controller.killnine.ClusterRig.Held;
import io.drc.controller.killnine.ClusterRig.Holder;
import io.drc.controller.killnine.ClusterRig.KillPoint;
import io.drc.controller.testing.PostgresServer;
import io.drc.controller.testing.SharedPostgres;
import io.drc.simulator.core.Journal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Issue 12, for real: two packaged daemons on one PostgreSQL replicate the demo's instance, volume and database. The
 * daemon holding a replication job is SIGKILLed right after AWS accepted its CopyImage, right after its CopySnapshot,
 * and the daemon that issued a DB snapshot copy while that copy is pending; each time another daemon claims the job
 * within 20 s of the kill (not after a fixed lease), and the DR region ends with exactly one copy per source.
 *
 * <p>drc first looks at a pending copy at its expected completion ({@code PollSchedule}). The daemons here expect
 * a DB snapshot copy to take {@link #EXPECTED_DB_COPY} of wall time, half of what the simulator's copy takes at the
 * rig's 20x pace ({@link ReplicationKillNineIT#COPY} / 20 = 6 s): the first DescribeDBSnapshots of the copy finds
 * it pending, and that is the kill point. Expecting the rig's default (30 s), drc would first look after the copy
 * was done and the kill point would never be reached. drc looks at pending copies in batches and claims a job only to
 * step it: a look that finds the copy still pending sets the job's next look in the store without claiming it, so
 * while its DB snapshot copy is pending no daemon holds the job. The daemon killed there is the one that issued the
 * copy (it held the job at its CopyDBSnapshot); the takeover is a live daemon's next look at the job (or claim of it)
 * in the store: with simulated time still until then, the copy stays pending until a live daemon has looked. A kill point fires only while the
 * whole cluster is up, so the image is made to take longer than the snapshot: with both sources done at once,
 * CopyImage came while the daemon killed at CopySnapshot was being replaced and its kill point was never reached.
 */
@ExtendWith(SharedPostgres.class)
class ClusterReplicationIT {
    static final String DR = ReplicationKillNineIT.DR;
    static final Duration TAKEOVER_LIMIT = Duration.ofSeconds(20);
    static final String EXPECTED_DB_COPY = "3s";

    /** The rig's configuration with {@link #EXPECTED_DB_COPY} as the expected DB snapshot copy duration. */
    static String expectCopiesFaster(String yaml) {
        String rigs = "dbSnapshotCopy: 30s";
        assertThat(yaml).as("the rig's expected DB snapshot copy duration").contains(rigs);
        return yaml.replace(rigs, "dbSnapshotCopy: " + EXPECTED_DB_COPY);
    }

    @Test
    void theDaemonHoldingAJobMidCopyIsKilledAndAnotherTakesTheJobOverWithin20Seconds(PostgresServer postgres) {
        var store = KillNineConfig.Store.postgres(postgres.createDatabase(), postgres.user());
        try (ClusterRig rig = new ClusterRig("cluster-replication", store, true, 2,
                ClusterRig.Pacing.FROZEN_WHILE_DEGRADED, 1.0, ClusterReplicationIT::expectCopiesFaster, List.of())) {
            var timings = rig.simulator.world().timings();
            // the image is done well after the snapshot (a kill point each): its CopyImage comes once the cluster
            // is whole again after the CopySnapshot kill (simulated time stands still until then), where a kill
            // point can fire, not while a replacement daemon is still starting
            timings.set("ec2.image.create", Duration.ofSeconds(300));
            timings.set("ec2.snapshot.create", Duration.ofSeconds(30));
            timings.set("rds.snapshot.create", Duration.ofSeconds(60));
            for (String copy : List.of("ec2.image.copy", "ec2.snapshot.copy", "rds.snapshot.copy")) {
                timings.set(copy, ReplicationKillNineIT.COPY);
            }
            Journal journal = rig.simulator.journal();
            long seeded = journal.lastSeq();
            AtomicReference<Held> dbCopier = new AtomicReference<>();
            List<KillPoint> points = List.of(
                    new KillPoint("CopyImage applied", c -> applied(c, "CopyImage", DR), Holder.ofJob("ec2-instance"),
                            null),
                    new KillPoint("CopySnapshot applied", c -> applied(c, "CopySnapshot", DR),
                            Holder.ofJob("ebs-volume"), null),
                    new KillPoint("CopyDBSnapshot pending", c -> applied(c, "DescribeDBSnapshots", DR)
                            && since(journal, c, "CopyDBSnapshot", DR)
                                    .filter(d -> d.compareTo(ReplicationKillNineIT.COPY) < 0).isPresent(),
                            jdbi -> Optional.ofNullable(dbCopier.get()).map(copier -> alive(rig, copier)), null));
            rig.arm(points);
            JsonNode status;
            try (Journal.Hook copying = rig.simulator.onCall(c -> applied(c, "CopyDBSnapshot", DR),
                    c -> Holder.ofJob("rds-instance").apply(rig.store()).ifPresent(dbCopier::set))) {
                rig.fill();
                status = awaitEveryCopyCompleted(rig, Duration.ofMinutes(5));
            }

            System.out.println("kills and takeovers: " + rig.kills());
            assertThat(rig.kills()).extracting(k -> k.point)
                    .containsExactlyInAnyOrderElementsOf(points.stream().map(KillPoint::name).toList());
            assertThat(rig.kills()).allSatisfy(kill -> assertThat(kill.takeoverSeconds()).as("takeover of %s", kill)
                    .isNotNull().isLessThanOrEqualTo(TAKEOVER_LIMIT.toSeconds() * 1.0));
            assertThat(status.get("resources")).filteredOn(r -> ReplicationKillNineIT.COPIED.contains(r.get("id").asText()))
                    .allSatisfy(r -> assertThat(r.get("rpoSeconds").isNumber()).as("%s", r).isTrue());
            ReplicationKillNineIT.assertOneCopyPerSource(rig.aws, journal,
                    path -> rig.callAny("GET", path, KillNineRig.VIEWER, null), seeded);
        }
    }

    /**
     * The daemon that issued {@code copier}'s copy, or — killed at an earlier kill point — the longest-running live
     * one (it took the dead one's work over); the job's id either way, for its takeover.
     */
    static Held alive(ClusterRig rig, Held copier) {
        var live = rig.nodes();
        if (live.containsKey(copier.nodeId())) {
            return copier;
        }
        return new Held(live.keySet().stream().sorted().findFirst().orElse(copier.nodeId()), copier.jobId());
    }

    static JsonNode awaitEveryCopyCompleted(ClusterRig rig, Duration limit) {
        Instant deadline = Instant.now().plus(limit);
        JsonNode last = null;
        while (true) {
            rig.keepClusterUp();
            KillNineRig.Answer answer = rig.callAny("GET", "/api/v1/status", KillNineRig.VIEWER, null);
            if (answer != null && answer.status() == 200) {
                last = answer.body();
                if (ReplicationKillNineIT.completedInDr(last).containsAll(ReplicationKillNineIT.COPIED)
                        && rig.takeoversDone()) {
                    return last;
                }
            }
            assertThat(Instant.now()).as("every copy completed by the deadline; kills so far %s; last status %s",
                    rig.kills(), last).isBefore(deadline);
            DaemonProcess.pause(200);
        }
    }
}
