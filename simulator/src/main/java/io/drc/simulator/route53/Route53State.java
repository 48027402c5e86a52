package io.drc.simulator.route53;

import io.drc.simulator.core.AwsError;
import io.drc.simulator.core.World;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/** Route 53 is global: one state for the whole simulated account, whatever region a request is signed for. */
public final class Route53State {
    /** A submitted change: {@code PENDING} until it has propagated to every Route 53 server, then {@code INSYNC}. */
    static final class Change {
        final String id;
        final Instant submittedAt;
        final String comment;
        String status = "PENDING";

        Change(String id, Instant submittedAt, String comment) {
            this.id = id;
            this.submittedAt = submittedAt;
            this.comment = comment;
        }
    }

    final Map<String, HostedZone> zones = new LinkedHashMap<>();
    final Map<String, String> zoneIdByCallerReference = new HashMap<>();
    final Map<String, Change> changes = new LinkedHashMap<>();
    final Map<String, HealthCheckRecord> healthChecks = new LinkedHashMap<>();
    /** Kept after a check is deleted: its CallerReference cannot be used again. */
    final Map<String, String> healthCheckIdByCallerReference = new HashMap<>();
    /** The data plane's weighted choice so far, per record name and type ({@link DnsAnswers}). */
    final Map<String, Map<String, Long>> weightedChoice = new HashMap<>();

    static Route53State of(World world) {
        return world.global(Route53State.class, w -> new Route53State());
    }

    HostedZone zone(String id) {
        String bare = DnsNames.bareId(id, "hostedzone");
        HostedZone zone = zones.get(bare);
        if (zone == null) {
            throw new AwsError(404, "NoSuchHostedZone", "No hosted zone found with ID: " + bare);
        }
        return zone;
    }

    HealthCheckRecord healthCheck(String id) {
        HealthCheckRecord check = id == null ? null : healthChecks.get(id);
        if (check == null) {
            throw new AwsError(404, "NoSuchHealthCheck", "No health check exists with the specified ID " + id);
        }
        return check;
    }

    /** Records a change as PENDING; it turns INSYNC after {@code route53.change.insync}. */
    Change submit(World world, String comment) {
        Change change = new Change(world.ids().nextUpper("C"), world.now(), comment);
        changes.put(change.id, change);
        world.after("route53.change.insync", () -> change.status = "INSYNC");
        return change;
    }

    Change change(String id) {
        String bare = DnsNames.bareId(id, "change");
        Change change = changes.get(bare);
        if (change == null) {
            throw new AwsError(404, "NoSuchChange", "A change with the specified change ID does not exist: " + bare);
        }
        return change;
    }
}
