package io.drc.simulator.elbv2;

import io.drc.simulator.core.ServiceIdentity;
import io.drc.simulator.core.AwsService;
import io.drc.simulator.protocol.QueryProtocol;

/**
 * Elastic Load Balancing v2: load balancers and their listeners, target groups and the health of their targets
 * (which comes from the load balancers that use them); state in {@link Elbv2State}.
 */
public final class Elbv2Service extends AwsService {
    private static final ServiceIdentity IDENTITY = new ServiceIdentity("elasticloadbalancing",
            QueryProtocol.query("http://elasticloadbalancing.amazonaws.com/doc/2015-12-01/"), "2015-12-01",
            ServiceIdentity.RATE_EXCEEDED, ServiceIdentity.INTERNAL_FAILURE);

    public Elbv2Service() {
        super(IDENTITY, new LoadBalancerOperations(), new ListenerOperations(), new TargetGroupOperations(),
                new TargetOperations(), new TagQueries());
    }
}
