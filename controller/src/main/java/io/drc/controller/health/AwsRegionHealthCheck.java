package io.drc.controller.health;

import com.codahale.metrics.health.HealthCheck;
import io.drc.strategies.aws.AwsClients;
import java.time.Duration;
import software.amazon.awssdk.core.exception.SdkException;

/** Can drc reach EC2 in a region? A cheap, read-only call with a short deadline. */
public final class AwsRegionHealthCheck extends HealthCheck {
    private final AwsClients clients;
    private final String region;
    private final Duration timeout;

    public AwsRegionHealthCheck(AwsClients clients, String region, Duration timeout) {
        this.clients = clients;
        this.region = region;
        this.timeout = timeout;
    }

    public static String nameFor(String region) {
        return "aws-" + region;
    }

    @Override
    protected Result check() {
        try {
            int zones = clients.ec2(region)
                    .describeAvailabilityZones(request -> request.overrideConfiguration(o -> o.apiCallTimeout(timeout)))
                    .availabilityZones().size();
            return Result.healthy("EC2 in " + region + " answers; " + zones + " availability zones");
        } catch (SdkException e) {
            return Result.unhealthy("cannot reach EC2 in " + region + ": " + e.getMessage());
        }
    }
}
