package io.drc.simulator.route53;

import io.drc.simulator.core.World;
import java.time.Duration;
import java.time.Instant;

/**
 * Route 53's health checkers on the world's clock (an event, as CloudWatch's minute evaluation is, so a manual
 * clock drives them in tests). An endpoint check is observed every RequestInterval (10 or 30 s) from its creation,
 * the first time at once, and its status changes only after FailureThreshold consecutive observations disagree
 * with it: a new check is healthy, and with the defaults an endpoint that fails from the start is unhealthy at the
 * third observation, 60 s after creation; one that fails later within 90 s of the failure. A CLOUDWATCH_METRIC check
 * reads its alarm's state every 30 s and follows the state it read (the alarm already needed its evaluation periods
 * to change; AWS documents neither an interval nor a threshold for this type, so the standard interval stands in),
 * so traffic moves up to 30 s after the alarm changes. CALCULATED checks combine their children's statuses when read.
 * Observing changes nothing but the check: reading a status never moves it.
 */
final class HealthCheckObserver {
    /** How often Route 53 reads a CloudWatch alarm: its standard interval. */
    static final Duration ALARM_INTERVAL = Duration.ofSeconds(30);

    private HealthCheckObserver() {
    }

    /** Starts observing a check that was just created (CALCULATED checks are not observed). */
    static void start(World world, HealthCheckRecord check) {
        if (!check.type.equals("CALCULATED")) {
            observe(world, check.id, world.now());
        }
    }

    private static void observe(World world, String id, Instant at) {
        HealthCheckRecord check = Route53State.of(world).healthChecks.get(id);
        if (check == null) {
            return; // deleted: its checkers stop
        }
        HealthCheckStatuses.Status seen = new HealthCheckStatuses(world).observe(check);
        check.lastReport = seen.report();
        check.lastCheckedAt = at;
        if (seen.healthy() == check.healthy) {
            check.disagreeing = 0;
        } else if (++check.disagreeing >= threshold(check)) {
            check.healthy = seen.healthy();
            check.disagreeing = 0;
        }
        Instant next = at.plus(interval(check));
        world.at(next, () -> observe(world, id, next));
    }

    static Duration interval(HealthCheckRecord check) {
        return check.type.equals("CLOUDWATCH_METRIC") ? ALARM_INTERVAL
                : Duration.ofSeconds(check.config.requestInterval());
    }

    private static int threshold(HealthCheckRecord check) {
        return check.type.equals("CLOUDWATCH_METRIC") ? 1 : check.config.failureThreshold();
    }
}
