package io.drc.simulator.elbv2;

import io.drc.simulator.core.AwsError;
import io.drc.simulator.core.AwsService;
import io.drc.simulator.protocol.Protocol;
import io.drc.simulator.protocol.QueryProtocol;
import io.drc.simulator.protocol.WireRequest;

/** Elastic Load Balancing v2: target groups and the health of their targets; state in {@link Elbv2State}. */
public final class Elbv2Service extends AwsService {
    private static final Protocol PROTOCOL =
            QueryProtocol.query("http://elasticloadbalancing.amazonaws.com/doc/2015-12-01/");

    public Elbv2Service() {
        super(new TargetGroupOperations(), new TargetOperations());
    }

    @Override
    public String signingName() {
        return "elasticloadbalancing";
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
        return "2015-12-01".equals(request.params().get("Version"));
    }
}
