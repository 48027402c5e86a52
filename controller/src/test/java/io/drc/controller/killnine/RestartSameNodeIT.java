package io.drc.controller.killnine;

import static io.drc.controller.killnine.FailoverKillNineIT.applied;
import static io.drc.controller.killnine.FailoverKillNineIT.since;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.drc.controller.killnine.KillNineRig.KillPoint;
import io.drc.controller.testing.PostgresServer;
import io.drc.controller.testing.SharedPostgres;
import io.drc.simulator.core.Journal;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Issue 12, for real: a single daemon killed with SIGKILL and restarted in the same place — the same node id — takes
 * its predecessor's step or replication job over at its start, without waiting for the dead incarnation's heartbeat
 * to age past deadAfter (15 s): no later than 3 s after its API answers. The time from the kill is printed, not
 * bounded: it is mostly the new JVM's start (19–26 s measured at load 22 on 2 cores), which the survivor of
 * {@link ClusterFailoverIT} does not pay; waiting out the lease would add deadAfter after the start.
 */
@ExtendWith(SharedPostgres.class)
class RestartSameNodeIT {
    static final String DR = FailoverKillNineIT.DR;
    static final Duration AT_START = Duration.ofSeconds(3);

    /** When a kill happened, when the restarted daemon answered, and when it first acted on the held work. */
    static final class Takeover {
        final Instant killedAt = Instant.now();
        volatile long killSeq;
        volatile Instant readyAt;
        volatile Instant actedAt;

        @Override
        public String toString() {
            return "killed " + killedAt + ", restarted daemon answering after "
                    + (readyAt == null ? "?" : Duration.between(killedAt, readyAt)) + ", acted after "
                    + (actedAt == null ? "?" : Duration.between(killedAt, actedAt));
        }
    }

    @Test
    void aRestartedDaemonTakesOverItsPredecessorsFailoverStepsAtItsStart(PostgresServer postgres) {
        try (KillNineRig rig = new KillNineRig("restart-same-node-failover")) {
            var store = KillNineConfig.Store.postgres(postgres.createDatabase(), postgres.user());
            var timings = rig.simulator.world().timings();
            timings.set("rds.promote", FailoverKillNineIT.PROMOTE);
            timings.set("autoscaling.instance.launch", FailoverKillNineIT.LAUNCH);
            timings.set("elbv2.target.healthy", FailoverKillNineIT.HEALTHY);
            timings.set("route53.change.insync", FailoverKillNineIT.INSYNC);
            Journal journal = rig.simulator.journal();
            Map<String, Takeover> takeovers = new ConcurrentHashMap<>();
            Map<String, Predicate<Journal.Call>> actsOn = Map.of(
                    "PromoteReadReplica applied", c -> c.region().equals(DR) && c.service().equals("rds"),
                    "awaiting healthy targets", c -> applied(c, "DescribeTargetHealth", DR));
            rig.arm(List.of(
                    watched(takeovers, "PromoteReadReplica applied", c -> applied(c, "PromoteReadReplica", DR)),
                    watched(takeovers, "awaiting healthy targets", c -> applied(c, "DescribeTargetHealth", DR)
                            && since(journal, c, "UpdateAutoScalingGroup", DR).filter(d -> d.compareTo(
                                    FailoverKillNineIT.LAUNCH.plus(FailoverKillNineIT.HEALTHY)) < 0).isPresent())));
            Journal.Hook acted = journal.onCall(c -> true, c -> actsOn.forEach((point, on) -> {
                Takeover t = takeovers.get(point);
                if (t != null && t.actedAt == null && c.seq() > t.killSeq && on.test(c)) {
                    t.actedAt = Instant.now();
                }
            }));
            try {
                rig.startDaemon(KillNineConfig.yaml(rig, store, false));
                KillNineRig.Answer posted = rig.call("POST", "/api/v1/failovers", KillNineRig.OPERATOR,
                        "{\"confirm\": \"us-west-2\", \"reason\": \"restart with the same node id\"}");
                assertThat(posted.status()).as("%s", posted.body()).isEqualTo(202);
                JsonNode done = awaitEnd(rig, posted.body().get("id").asText(), takeovers);
                assertThat(done.get("status").asText()).as(done.toPrettyString()).isEqualTo("SUCCEEDED");
            } finally {
                acted.close();
            }
            System.out.println("takeovers at restart: " + takeovers);
            assertThat(takeovers).hasSize(2).allSatisfy((point, t) -> assertAtStart(point, t));
        }
    }

    @Test
    void aRestartedDaemonTakesOverItsPredecessorsReplicationJobAtItsStart(PostgresServer postgres) {
        try (KillNineRig rig = new KillNineRig("restart-same-node-replication")) {
            String url = postgres.createDatabase();
            var store = KillNineConfig.Store.postgres(url, postgres.user());
            Jdbi jdbi = Jdbi.create(url, postgres.user(), "");
            var timings = rig.simulator.world().timings();
            timings.set("ec2.image.create", Duration.ofSeconds(60));
            timings.set("ec2.image.copy", ReplicationKillNineIT.COPY);
            Map<String, Takeover> takeovers = new ConcurrentHashMap<>();
            rig.arm(List.of(watched(takeovers, "CopyImage applied", c -> applied(c, "CopyImage", DR))));
            rig.startDaemon(KillNineConfig.yaml(rig, store, true));
            Instant deadline = Instant.now().plus(Duration.ofMinutes(3));
            while (takeovers.isEmpty() || takeovers.values().stream().anyMatch(t -> t.actedAt == null)) {
                assertThat(Instant.now()).as("the job taken over: %s", takeovers).isBefore(deadline);
                restartIfKilled(rig, takeovers);
                for (Takeover t : takeovers.values()) {
                    if (t.actedAt == null) {
                        imageJobClaimedAfter(jdbi, t.killedAt).ifPresent(at -> t.actedAt = at);
                    }
                }
                DaemonProcess.pause(50);
            }
            System.out.println("takeover at restart: " + takeovers);
            assertThat(takeovers).hasSize(1).allSatisfy((point, t) -> assertAtStart(point, t));
            while (true) {
                rig.keepDaemonUp();
                KillNineRig.Answer status = rig.call("GET", "/api/v1/status", KillNineRig.VIEWER, null);
                if (status != null && status.status() == 200
                        && ReplicationKillNineIT.completedInDr(status.body()).contains("web")) {
                    break;
                }
                assertThat(Instant.now()).as("the AMI copy completed").isBefore(deadline.plus(Duration.ofMinutes(2)));
                DaemonProcess.pause(200);
            }
            var byResource = software.amazon.awssdk.services.ec2.model.Filter.builder()
                    .name("tag:" + io.drc.strategies.aws.DrcTags.RESOURCE).values("web").build();
            assertThat(rig.aws.ec2(DR).describeImages(r -> r.owners("self").filters(byResource)).images())
                    .as("AMIs of web in %s", DR).hasSize(1);
        }
    }

    /** The AMI job's latest claim, if made after {@code killedAt} (claimed_at is stamped by this host's clock). */
    static Optional<Instant> imageJobClaimedAfter(Jdbi jdbi, Instant killedAt) {
        return jdbi.withHandle(h -> h.createQuery("SELECT claimed_at FROM replication_jobs WHERE kind = 'ec2-instance'")
                .map((rs, ctx) -> rs.getObject("claimed_at", OffsetDateTime.class)).findFirst())
                .map(OffsetDateTime::toInstant).filter(at -> at.isAfter(killedAt));
    }

    static void assertAtStart(String point, Takeover t) {
        assertThat(t.actedAt).as("%s: acted on after the restart", point).isNotNull();
        assertThat(t.readyAt).as("%s: restarted", point).isNotNull();
        System.out.println("restart with the same node id, " + point + ": " + t);
        assertThat(t.actedAt).as("%s: at the restarted daemon's start, %s", point, t)
                .isBefore(t.readyAt.plus(AT_START));
    }

    /** A kill point that notes the moment (and the call) of its kill. */
    static KillPoint watched(Map<String, Takeover> takeovers, String name, Predicate<Journal.Call> when) {
        return new KillPoint(name, c -> {
            if (!takeovers.containsKey(name) && when.test(c)) {
                Takeover t = new Takeover();
                t.killSeq = c.seq();
                takeovers.put(name, t);
                return true;
            }
            return false;
        });
    }

    static void restartIfKilled(KillNineRig rig, Map<String, Takeover> takeovers) {
        int starts = rig.daemonStarts();
        rig.keepDaemonUp();
        if (rig.daemonStarts() > starts) {
            Instant ready = Instant.now();
            takeovers.values().stream().filter(t -> t.readyAt == null).forEach(t -> t.readyAt = ready);
        }
    }

    static JsonNode awaitEnd(KillNineRig rig, String id, Map<String, Takeover> takeovers) {
        Instant deadline = Instant.now().plus(Duration.ofMinutes(4));
        while (true) {
            restartIfKilled(rig, takeovers);
            KillNineRig.Answer answer = rig.call("GET", "/api/v1/executions/" + id, KillNineRig.VIEWER, null);
            if (answer != null && answer.status() == 200
                    && List.of("SUCCEEDED", "FAILED", "CANCELLED").contains(answer.body().get("status").asText())) {
                return answer.body();
            }
            assertThat(Instant.now()).as("execution %s ended; takeovers %s", id, takeovers).isBefore(deadline);
            DaemonProcess.pause(100);
        }
    }
}
