package io.drc.simulator.route53;

import io.drc.simulator.cloudwatch.AlarmOperations;
import io.drc.simulator.core.World;
import io.drc.simulator.elbv2.Elbv2Endpoints;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.services.cloudwatch.model.DescribeAlarmsRequest;
import software.amazon.awssdk.services.cloudwatch.model.MetricAlarm;
import software.amazon.awssdk.services.route53.model.HealthCheckConfig;

/**
 * What Route 53's health checkers (its data plane) find, now: a CLOUDWATCH_METRIC check follows its alarm (OK
 * healthy, ALARM unhealthy, INSUFFICIENT_DATA as InsufficientDataHealthStatus says); a CALCULATED check counts its
 * healthy children against HealthThreshold; an endpoint check (HTTP, HTTPS, TCP…) on a simulated load balancer's
 * DNS name passes while the load balancer serves (a healthy target behind a listener), on any other endpoint it
 * passes (the simulator has no network to probe). Disabled checks are healthy; Inverted flips the result.
 * Statuses change at once: the simulator does not model RequestInterval × FailureThreshold. Call with the world
 * locked.
 */
final class HealthCheckStatuses {
    /** A check's status and the reason a checker would report. */
    record Status(boolean healthy, String report) { }

    private final World world;

    HealthCheckStatuses(World world) {
        this.world = world;
    }

    /** A record's health: healthy without a check or when its check no longer exists. */
    boolean healthy(String healthCheckId) {
        if (healthCheckId == null) {
            return true;
        }
        HealthCheckRecord check = Route53State.of(world).healthChecks.get(healthCheckId);
        return check == null || status(check, new HashSet<>()).healthy();
    }

    Status status(HealthCheckRecord check) {
        return status(check, new HashSet<>());
    }

    private Status status(HealthCheckRecord check, Set<String> visiting) {
        HealthCheckConfig config = check.config;
        if (Boolean.TRUE.equals(config.disabled())) {
            return invert(config, new Status(true, "Success: the health check is disabled"));
        }
        Status found = switch (check.type) {
            case "CLOUDWATCH_METRIC" -> alarm(check);
            case "CALCULATED" -> calculated(config, visiting);
            default -> endpoint(config);
        };
        return invert(config, found);
    }

    private static Status invert(HealthCheckConfig config, Status status) {
        if (!Boolean.TRUE.equals(config.inverted())) {
            return status;
        }
        return new Status(!status.healthy(), status.report() + " (inverted)");
    }

    private Status alarm(HealthCheckRecord check) {
        String region = check.config.alarmIdentifier().regionAsString();
        String name = check.config.alarmIdentifier().name();
        String state = alarmOf(world, region, name).map(MetricAlarm::stateValueAsString).orElse("INSUFFICIENT_DATA");
        switch (state) {
            case "OK" -> {
                check.lastKnownHealthy = true;
                return new Status(true, "Success: CloudWatch alarm " + name + " is in state OK");
            }
            case "ALARM" -> {
                check.lastKnownHealthy = false;
                return new Status(false, "Failure: CloudWatch alarm " + name + " is in state ALARM");
            }
            default -> {
                String rule = check.config.insufficientDataHealthStatusAsString();
                boolean healthy = "Healthy".equals(rule) || !"Unhealthy".equals(rule) && check.lastKnownHealthy;
                return new Status(healthy, (healthy ? "Success" : "Failure") + ": CloudWatch alarm " + name
                        + " has insufficient data (" + rule + ")");
            }
        }
    }

    /** The alarm as CloudWatch describes it now, if it exists. */
    static Optional<MetricAlarm> alarmOf(World world, String region, String name) {
        return new AlarmOperations().describeAlarms(DescribeAlarmsRequest.builder().alarmNames(name).build(),
                world.region(region)).metricAlarms().stream().findFirst();
    }

    private Status calculated(HealthCheckConfig config, Set<String> visiting) {
        int healthy = 0;
        for (String child : config.childHealthChecks()) {
            HealthCheckRecord childCheck = Route53State.of(world).healthChecks.get(child);
            if (childCheck != null && visiting.add(child) && status(childCheck, visiting).healthy()) {
                healthy++;
            }
        }
        int threshold = config.healthThreshold() != null ? config.healthThreshold() : config.childHealthChecks().size();
        return new Status(healthy >= threshold, healthy + " of " + config.childHealthChecks().size()
                + " child health checks are healthy (threshold " + threshold + ")");
    }

    private Status endpoint(HealthCheckConfig config) {
        String host = config.fullyQualifiedDomainName();
        Optional<Elbv2Endpoints.Endpoint> lb = host == null ? Optional.empty() : Elbv2Endpoints.find(world, host);
        if (lb.isPresent() && !lb.get().serving()) {
            return new Status(false, config.typeAsString().startsWith("TCP")
                    ? "Failure: Connection timed out." : "Failure: HTTP Status Code 503, Service Unavailable");
        }
        return new Status(true, config.typeAsString().startsWith("TCP")
                ? "Success: TCP connection established." : "Success: HTTP Status Code 200, OK");
    }
}
