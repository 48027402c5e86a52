package io.drc.simulator.elbv2;

import io.drc.simulator.core.AwsError;
import io.drc.simulator.core.RegionState;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The ELBv2 load balancers (with their listeners) and target groups of one region, by ARN. */
public final class Elbv2State implements java.io.Serializable {
    final Map<String, ElbLoadBalancer> loadBalancers = new LinkedHashMap<>();
    final Map<String, ElbTargetGroup> targetGroups = new LinkedHashMap<>();
    /** Name prefixes of target groups whose health checks fail whatever the instance does (a fault). */
    private final java.util.Set<String> failingHealthChecks = new java.util.LinkedHashSet<>();

    /** This region's ELBv2 state (call with the world locked). */
    public static Elbv2State of(RegionState region) {
        return region.state(Elbv2State.class, r -> new Elbv2State());
    }

    /**
     * A fault: from now on, every target of a group whose name starts with {@code namePrefix} fails its health
     * checks once they have run (unhealthy, {@code Target.FailedHealthChecks}), as when the application on the
     * instances does not answer. Call with the world locked.
     */
    public void failHealthChecks(String namePrefix) {
        if (namePrefix == null || namePrefix.isBlank()) {
            throw new IllegalArgumentException("'targetGroupPrefix' is required: a target group name prefix, e.g. \"drc-drill-\"");
        }
        failingHealthChecks.add(namePrefix);
    }

    /** Health checks pass again wherever the instances run. */
    public void passHealthChecks() {
        failingHealthChecks.clear();
    }

    boolean failsHealthChecks(String targetGroupName) {
        return failingHealthChecks.stream().anyMatch(targetGroupName::startsWith);
    }

    public boolean hasTargetGroup(String arn) {
        return targetGroups.containsKey(arn);
    }

    ElbTargetGroup targetGroup(String arn) {
        if (arn == null) {
            throw AwsError.badRequest("ValidationError", "A target group ARN must be specified");
        }
        return Optional.ofNullable(targetGroups.get(arn)).orElseThrow(Elbv2State::notFound);
    }

    ElbLoadBalancer loadBalancer(String arn) {
        if (arn == null) {
            throw AwsError.badRequest("ValidationError", "A load balancer ARN must be specified");
        }
        return Optional.ofNullable(loadBalancers.get(arn)).orElseThrow(Elbv2State::loadBalancerNotFound);
    }

    Optional<ElbListener> findListener(String arn) {
        return loadBalancers.values().stream().map(lb -> lb.listeners.get(arn)).filter(l -> l != null).findFirst();
    }

    /** The load balancers with a listener that forwards to the group. */
    List<ElbLoadBalancer> using(String targetGroupArn) {
        return loadBalancers.values().stream().filter(lb -> lb.forwardsTo(targetGroupArn)).toList();
    }

    static AwsError notFound() {
        return AwsError.badRequest("TargetGroupNotFound", "One or more target groups not found");
    }

    static AwsError loadBalancerNotFound() {
        return AwsError.badRequest("LoadBalancerNotFound", "One or more load balancers not found");
    }
}
