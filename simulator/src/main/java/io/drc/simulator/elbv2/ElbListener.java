package io.drc.simulator.elbv2;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.util.List;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Action;

/**
 * A listener and its default actions, as given; {@code forwardsTo} is every target group a forward action sends
 * traffic to (the groups this listener puts in use).
 */
final class ElbListener {
    final String arn;
    final String loadBalancerArn;
    final String protocol;
    final Integer port;
    /** Not shown by the admin API (SDK objects); {@link #forwardsTo} says what matters. */
    @JsonIgnore
    final List<Action> defaultActions;
    final List<String> forwardsTo;

    ElbListener(String arn, String loadBalancerArn, String protocol, Integer port, List<Action> defaultActions,
                List<String> forwardsTo) {
        this.arn = arn;
        this.loadBalancerArn = loadBalancerArn;
        this.protocol = protocol;
        this.port = port;
        this.defaultActions = List.copyOf(defaultActions);
        this.forwardsTo = List.copyOf(forwardsTo);
    }
}
