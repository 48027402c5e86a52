package io.drc.simulator;

import io.drc.simulator.autoscaling.AutoScalingService;
import io.drc.simulator.cloudwatch.CloudWatchService;
import io.drc.simulator.core.AwsService;
import io.drc.simulator.core.World;
import io.drc.simulator.ec2.Ec2Service;
import io.drc.simulator.elbv2.Elbv2Service;
import io.drc.simulator.rds.RdsService;
import io.drc.simulator.route53.Route53Service;
import java.util.List;

/** The services the simulator serves. */
final class SimulatedServices {
    private SimulatedServices() {
    }

    static List<AwsService> all(World world) {
        return List.of(
                new Ec2Service(),
                new AutoScalingService(),
                new Elbv2Service(),
                new RdsService(),
                new Route53Service(),
                new CloudWatchService());
    }
}
