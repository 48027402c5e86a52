package io.drc.simulator.elbv2;

import io.drc.simulator.core.RegionState;
import io.drc.simulator.ec2.Ec2Instance;
import io.drc.simulator.ec2.Ec2State;
import java.util.List;

/**
 * Where targets get their health from: the nodes of the load balancers that use their group. A group no
 * listener forwards to is not in use, and its targets are {@code unused} ({@code Target.NotInUse}) however long
 * they have been registered; once an active load balancer uses it, their checks start and take
 * {@code elbv2.target.healthy}. Call with the world locked.
 */
final class TargetHealthChecks {
    /** A target's health state, reason code and description, as DescribeTargetHealth reports them. */
    record Health(String state, String reason, String description) { }

    private TargetHealthChecks() {
    }

    /** Starts the checks of the targets of groups now in use, and stops those of groups no longer in use. */
    static void refresh(RegionState region) {
        Elbv2State elb = Elbv2State.of(region);
        for (ElbTargetGroup group : elb.targetGroups.values()) {
            boolean inUse = elb.using(group.arn).stream().anyMatch(ElbLoadBalancer::active);
            group.targets.values().forEach(target -> {
                if (inUse && !target.checking) {
                    start(region, target);
                } else if (!inUse && target.checking) {
                    stop(target);
                }
            });
        }
    }

    private static void start(RegionState region, ElbTarget target) {
        target.checking = true;
        target.checked = false;
        int round = ++target.round;
        region.world().after("elbv2.target.healthy", () -> {
            if (target.round == round) {
                target.checked = true;
            }
        });
    }

    private static void stop(ElbTarget target) {
        target.checking = false;
        target.checked = false;
        target.round++;
    }

    static Health health(RegionState region, ElbTargetGroup group, ElbTarget target) {
        if (target.draining) {
            return new Health("draining", "Target.DeregistrationInProgress", "Target deregistration is in progress");
        }
        String instanceState = Ec2State.of(region).findInstance(target.id).map(Ec2Instance::state).orElse("terminated");
        if (!instanceState.equals("pending") && !instanceState.equals("running")) {
            return new Health("unused", "Target.InvalidState", "Target is in the " + instanceState + " state");
        }
        List<ElbLoadBalancer> using = Elbv2State.of(region).using(group.arn);
        if (using.isEmpty()) {
            return new Health("unused", "Target.NotInUse",
                    "Target group is not configured to receive traffic from the load balancer");
        }
        String zone = Ec2State.of(region).findInstance(target.id).map(Ec2Instance::availabilityZone).orElse(null);
        if (using.stream().noneMatch(lb -> lb.servesZone(zone))) {
            return new Health("unused", "Target.NotInUse",
                    "Target is in an Availability Zone that is not enabled for the load balancer");
        }
        if (!target.checked) {
            return new Health("initial", "Elb.RegistrationInProgress", "Target registration is in progress");
        }
        return instanceState.equals("running") && !Elbv2State.of(region).failsHealthChecks(group.name)
                ? new Health("healthy", null, null)
                : new Health("unhealthy", "Target.FailedHealthChecks", "Health checks failed");
    }
}
