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
 * What Route 53's health checkers (its data plane) find and the status Route 53 holds. An observation
 * ({@link HealthCheckObserver}, on the world's clock) finds: a CLOUDWATCH_METRIC check follows its alarm (OK
 * healthy, ALARM unhealthy, INSUFFICIENT_DATA as InsufficientDataHealthStatus says); an endpoint check (HTTP, HTTPS,
 * TCP…) on a simulated load balancer's DNS name passes while the load balancer serves (a healthy target behind a
 * listener), on any other endpoint it passes (the simulator has no network to probe). The status held is the
 * observations' after RequestInterval × FailureThreshold; a CALCULATED check counts its children's held statuses
 * against HealthThreshold when read. Disabled checks are healthy; Inverted flips the result. Call with the world
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
        return check == null || healthy(check, new HashSet<>());
    }

    /** The status Route 53 holds for the check now. */
    private boolean healthy(HealthCheckRecord check, Set<String> visiting) {
        HealthCheckConfig config = check.config;
        if (Boolean.TRUE.equals(config.disabled())) {
            return !Boolean.TRUE.equals(config.inverted());
        }
        boolean held = check.type.equals("CALCULATED") ? calculated(config, visiting) : check.healthy;
        return held != Boolean.TRUE.equals(config.inverted());
    }

    /**
     * What a checker finds when it looks at the check's endpoint or alarm now (not a CALCULATED check), before
     * Inverted, which applies to the status Route 53 derives from the findings.
     */
    Status observe(HealthCheckRecord check) {
        if (Boolean.TRUE.equals(check.config.disabled())) {
            return new Status(true, "Success: the health check is disabled");
        }
        return check.type.equals("CLOUDWATCH_METRIC") ? alarm(check) : endpoint(check.config);
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

    private boolean calculated(HealthCheckConfig config, Set<String> visiting) {
        int healthy = 0;
        for (String child : config.childHealthChecks()) {
            HealthCheckRecord childCheck = Route53State.of(world).healthChecks.get(child);
            if (childCheck != null && visiting.add(child) && healthy(childCheck, visiting)) {
                healthy++;
            }
        }
        int threshold = config.healthThreshold() != null ? config.healthThreshold() : config.childHealthChecks().size();
        return healthy >= threshold;
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
