package io.drc.controller.health;

import com.codahale.metrics.health.HealthCheck;

/**
 * Can drc reach EC2 in a region? Answers from {@link AwsReachability}'s last background probe, with its time
 * ({@code checkedAt} detail): running this check never calls AWS.
 */
public final class AwsRegionHealthCheck extends HealthCheck {
    public static final String CHECKED_AT = "checkedAt";

    private final AwsReachability reachability;
    private final String region;

    public AwsRegionHealthCheck(AwsReachability reachability, String region) {
        this.reachability = reachability;
        this.region = region;
    }

    public static String nameFor(String region) {
        return "aws-" + region;
    }

    @Override
    protected Result check() {
        return reachability.last(region).map(probe -> (probe.reachable() ? Result.builder().healthy()
                        : Result.builder().unhealthy()).withMessage(probe.detail())
                        .withDetail(CHECKED_AT, probe.checkedAt().toString()).build())
                .orElseGet(() -> Result.unhealthy("EC2 in " + region + " not probed yet"));
    }
}
