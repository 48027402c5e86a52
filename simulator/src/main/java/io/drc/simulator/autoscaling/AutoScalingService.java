package io.drc.simulator.autoscaling;

import io.drc.simulator.core.AwsError;
import io.drc.simulator.core.AwsService;
import io.drc.simulator.protocol.Protocol;
import io.drc.simulator.protocol.QueryProtocol;
import io.drc.simulator.protocol.WireRequest;

/**
 * Auto Scaling: groups that launch EC2 instances from a launch template, keep them at the desired capacity and
 * register InService instances with their ELBv2 target groups; state in {@link AutoScalingState}.
 */
public final class AutoScalingService extends AwsService {
    private static final Protocol PROTOCOL = QueryProtocol.query("http://autoscaling.amazonaws.com/doc/2011-01-01/");

    public AutoScalingService() {
        super(new GroupOperations(), new CapacityOperations(), new GroupQueries());
    }

    @Override
    public String signingName() {
        return "autoscaling";
    }

    @Override
    public Protocol protocol() {
        return PROTOCOL;
    }

    @Override
    public AwsError throttlingError() {
        return new AwsError(400, "Throttling", "Rate exceeded");
    }

    @Override
    public boolean claims(WireRequest request) {
        return "2011-01-01".equals(request.params().get("Version"));
    }
}
