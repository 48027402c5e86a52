package io.drc.simulator.elbv2;

import io.drc.simulator.core.AwsError;
import io.drc.simulator.core.Pages;
import io.drc.simulator.core.RegionState;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Action;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.CreateListenerRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.CreateListenerResponse;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DeleteListenerRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DeleteListenerResponse;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DescribeListenersRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DescribeListenersResponse;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Listener;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroupTuple;

/**
 * CreateListener (idempotent for the same port and settings), DescribeListeners (of a load balancer or by ARN)
 * and DeleteListener. A listener's forward actions put their target groups in use: their targets' health checks
 * start ({@link TargetHealthChecks}); deleting the last listener that forwards to a group leaves its targets
 * {@code unused} again.
 */
public final class ListenerOperations {
    private static final Set<String> ALB_PROTOCOLS = Set.of("HTTP", "HTTPS");
    private static final Set<String> NLB_PROTOCOLS = Set.of("TCP", "TLS", "UDP", "TCP_UDP");
    private static final Set<String> ACTIONS = Set.of("forward", "redirect", "fixed-response", "authenticate-oidc",
            "authenticate-cognito", "jwt-validation");

    public CreateListenerResponse createListener(CreateListenerRequest request, RegionState region) {
        Elbv2State elb = Elbv2State.of(region);
        ElbLoadBalancer lb = elb.loadBalancer(request.loadBalancerArn());
        String protocol = request.protocolAsString();
        requireProtocolAndPort(lb, protocol, request.port(), request);
        List<String> forwardsTo = forwardsTo(elb, lb, request.defaultActions());
        ElbListener same = lb.listeners.values().stream().filter(l -> Objects.equals(l.port, request.port()))
                .findFirst().orElse(null);
        if (same != null) {
            if (!Objects.equals(same.protocol, protocol) || !same.defaultActions.equals(request.defaultActions())) {
                throw AwsError.badRequest("DuplicateListener", "A listener already exists on this port for this "
                        + "load balancer '" + lb.arn + "'");
            }
            return CreateListenerResponse.builder().listeners(view(same)).build();
        }
        String suffix = region.world().ids().next("listener");
        String arn = lb.arn.replace(":loadbalancer/", ":listener/") + "/" + suffix.substring(suffix.length() - 16);
        ElbListener listener = new ElbListener(arn, lb.arn, protocol, request.port(), request.defaultActions(),
                forwardsTo);
        lb.listeners.put(arn, listener);
        TargetHealthChecks.refresh(region);
        return CreateListenerResponse.builder().listeners(view(listener)).build();
    }

    private static void requireProtocolAndPort(ElbLoadBalancer lb, String protocol, Integer port,
                                               CreateListenerRequest request) {
        if (lb.type.equals("gateway")) {
            return;
        }
        Set<String> allowed = lb.type.equals("application") ? ALB_PROTOCOLS : NLB_PROTOCOLS;
        if (protocol == null || !allowed.contains(protocol)) {
            throw AwsError.badRequest("ValidationError", "Listener protocol '" + protocol + "' must be one of '"
                    + String.join(", ", allowed.stream().sorted().toList()) + "'");
        }
        if (port == null || port < 1 || port > 65535) {
            throw AwsError.badRequest("ValidationError", "A listener port between 1 and 65535 must be specified");
        }
        if ((protocol.equals("HTTPS") || protocol.equals("TLS")) && request.certificates().isEmpty()) {
            throw AwsError.badRequest("ValidationError", "A certificate must be specified for " + protocol
                    + " listeners");
        }
    }

    /** The target groups the actions forward to: they must exist and be free for this load balancer's use. */
    private static List<String> forwardsTo(Elbv2State elb, ElbLoadBalancer lb, List<Action> actions) {
        if (actions.isEmpty()) {
            throw AwsError.badRequest("ValidationError", "A default action must be specified");
        }
        List<String> groups = new ArrayList<>();
        for (Action action : actions) {
            String type = action.typeAsString();
            if (type == null || !ACTIONS.contains(type)) {
                throw AwsError.badRequest("ValidationError", "1 validation error detected: Value '" + type
                        + "' at 'defaultActions.member.type' failed to satisfy constraint: Member must satisfy enum "
                        + "value set: " + ACTIONS);
            }
            if (type.equals("forward")) {
                groups.addAll(forwarded(action));
            }
        }
        for (String arn : groups) {
            ElbTargetGroup group = elb.targetGroup(arn);
            requireCompatible(lb, group);
            if (elb.using(arn).stream().anyMatch(other -> other != lb)) {
                throw AwsError.badRequest("TargetGroupAssociationLimit", "The following target groups cannot be "
                        + "associated with more than one load balancer: " + arn);
            }
        }
        return groups.stream().distinct().toList();
    }

    private static List<String> forwarded(Action action) {
        List<String> arns = new ArrayList<>();
        if (action.targetGroupArn() != null) {
            arns.add(action.targetGroupArn());
        }
        if (action.forwardConfig() != null) {
            action.forwardConfig().targetGroups().stream().map(TargetGroupTuple::targetGroupArn).forEach(arns::add);
        }
        if (arns.isEmpty()) {
            throw AwsError.badRequest("ValidationError", "A target group ARN must be specified for a forward action");
        }
        return arns;
    }

    private static void requireCompatible(ElbLoadBalancer lb, ElbTargetGroup group) {
        boolean httpGroup = group.protocol == null || ALB_PROTOCOLS.contains(group.protocol);
        if (lb.type.equals("application") != httpGroup && !"lambda".equals(group.targetType)) {
            throw AwsError.badRequest("IncompatibleProtocols", "The target group protocol '" + group.protocol
                    + "' is not compatible with load balancer type '" + lb.type + "'");
        }
    }

    public DescribeListenersResponse describeListeners(DescribeListenersRequest request, RegionState region) {
        Elbv2State elb = Elbv2State.of(region);
        List<ElbListener> selected;
        if (request.loadBalancerArn() != null) {
            selected = List.copyOf(elb.loadBalancer(request.loadBalancerArn()).listeners.values());
        } else if (!request.listenerArns().isEmpty()) {
            selected = request.listenerArns().stream().map(arn -> elb.findListener(arn)
                    .orElseThrow(ListenerOperations::listenerNotFound)).toList();
        } else {
            throw AwsError.badRequest("ValidationError", "You must specify either listener ARNs or a load balancer ARN");
        }
        Pages.Page<ElbListener> page = Pages.page(selected, request.marker(),
                TargetGroupOperations.pageSize(request.pageSize()), 400, "ValidationError");
        return DescribeListenersResponse.builder().nextMarker(page.nextToken())
                .listeners(page.items().stream().map(ListenerOperations::view).toList()).build();
    }

    public DeleteListenerResponse deleteListener(DeleteListenerRequest request, RegionState region) {
        Elbv2State elb = Elbv2State.of(region);
        ElbListener listener = elb.findListener(request.listenerArn()).orElseThrow(ListenerOperations::listenerNotFound);
        elb.loadBalancers.get(listener.loadBalancerArn).listeners.remove(listener.arn);
        TargetHealthChecks.refresh(region);
        return DeleteListenerResponse.builder().build();
    }

    private static AwsError listenerNotFound() {
        return AwsError.badRequest("ListenerNotFound", "One or more listeners not found");
    }

    private static Listener view(ElbListener l) {
        return Listener.builder().listenerArn(l.arn).loadBalancerArn(l.loadBalancerArn).protocol(l.protocol)
                .port(l.port).defaultActions(l.defaultActions.stream().map(ListenerOperations::shown).toList())
                .build();
    }

    /** AWS shows a forward to one group both ways: as TargetGroupArn and as a ForwardConfig of weight 1. */
    private static Action shown(Action action) {
        if (!"forward".equals(action.typeAsString()) || action.forwardConfig() != null) {
            return action;
        }
        return action.toBuilder().forwardConfig(f -> f.targetGroups(t -> t.targetGroupArn(action.targetGroupArn())
                .weight(1)).targetGroupStickinessConfig(c -> c.enabled(false))).build();
    }
}
