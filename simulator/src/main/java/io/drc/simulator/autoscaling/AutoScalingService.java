package io.drc.simulator.autoscaling;

import io.drc.simulator.core.ServiceIdentity;
import io.drc.simulator.core.AwsService;
import io.drc.simulator.protocol.QueryProtocol;

/**
 * Auto Scaling: groups that launch EC2 instances from a launch template, keep them at the desired capacity and
 * register InService instances with their ELBv2 target groups; state in {@link AutoScalingState}.
 */
public final class AutoScalingService extends AwsService {
    private static final ServiceIdentity IDENTITY = new ServiceIdentity("autoscaling",
            QueryProtocol.query("http://autoscaling.amazonaws.com/doc/2011-01-01/"), "2011-01-01",
            ServiceIdentity.RATE_EXCEEDED, ServiceIdentity.INTERNAL_FAILURE);

    public AutoScalingService() {
        super(IDENTITY, new GroupOperations(), new CapacityOperations(), new GroupQueries(), new ActivityQueries());
    }
}
