package io.drc.simulator.elbv2;

import io.drc.simulator.core.AwsError;
import io.drc.simulator.core.RegionState;
import io.drc.simulator.ec2.Ec2State;

/**
 * Registering and deregistering targets, for RegisterTargets/DeregisterTargets and for Auto Scaling, which
 * registers its InService instances and deregisters those it terminates. Call with the world locked.
 */
public final class Elbv2Targets {
    private Elbv2Targets() {
    }

    /**
     * Registers an instance at the group's port (or {@code port}); its health checks start now if a load balancer
     * uses the group ({@link TargetHealthChecks}).
     */
    public static void register(RegionState region, String targetGroupArn, String instanceId, Integer port) {
        ElbTargetGroup group = Elbv2State.of(region).targetGroup(targetGroupArn);
        boolean usable = Ec2State.of(region).findInstance(instanceId)
                .map(i -> i.state().equals("pending") || i.state().equals("running")).orElse(false);
        if (!usable) {
            throw AwsError.badRequest("InvalidTarget", "The following targets are not in a running state and cannot "
                    + "be registered: '" + instanceId + "'");
        }
        ElbTarget target = new ElbTarget(instanceId, group.portOf(port));
        group.targets.put(ElbTarget.key(target.id, target.port), target);
        TargetHealthChecks.refresh(region);
    }

    /** The target drains for the deregistration delay, then is gone. Unknown targets are ignored, as AWS does. */
    public static void deregister(RegionState region, String targetGroupArn, String instanceId, Integer port) {
        ElbTargetGroup group = Elbv2State.of(region).targetGroup(targetGroupArn);
        String key = ElbTarget.key(instanceId, group.portOf(port));
        ElbTarget target = group.targets.get(key);
        if (target == null || target.draining) {
            return;
        }
        target.draining = true;
        region.world().after("elbv2.target.draining", () -> group.targets.remove(key, target));
    }
}
