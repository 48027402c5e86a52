package io.drc.controller.engine;

import io.dropwizard.testing.ConfigOverride;
import java.time.Duration;
import java.util.List;
import software.amazon.awssdk.services.route53.model.Change;
import software.amazon.awssdk.services.route53.model.ChangeAction;

/**
 * The demo application kept the way each strategy keeps it before a disaster, in the simulator (which the demo
 * seeds as a pilot light: DR web tier at 0, weights 100/0) and in the configuration that describes it:
 * warm standby runs one DR web instance; multi-site serves 50/50 with the DR web tier at full size.
 */
public final class SteadyStates {
    static final int WARM_STANDBY_SIZE = 1;
    static final int FULL_SIZE = 4;

    private SteadyStates() {
    }

    /** Brings the simulator to the strategy's steady state; returns the configuration that describes it. */
    public static List<ConfigOverride> prepare(DaemonOnSimulator drc, String strategy) {
        if (strategy.equals("warm-standby")) {
            runDrWebTier(drc, WARM_STANDBY_SIZE);
            return List.of(drStandby(WARM_STANDBY_SIZE));
        }
        if (!strategy.equals("multi-site")) {
            return List.of();
        }
        setWeights(drc, 50);
        runDrWebTier(drc, FULL_SIZE);
        return List.of(ConfigOverride.config("recovery.regions.us-east-1.normalWeight", "50"),
                ConfigOverride.config("recovery.regions.us-west-2.normalWeight", "50"), drStandby(FULL_SIZE));
    }

    /** The DR web tier's size before a failover and after a fail-back re-lit it. */
    public static int drStandbySize(String strategy) {
        switch (strategy) {
            case "warm-standby":
                return WARM_STANDBY_SIZE;
            case "multi-site":
                return FULL_SIZE;
            default:
                return 0;
        }
    }

    private static ConfigOverride drStandby(int size) {
        return ConfigOverride.config("recovery.regions.us-west-2.autoScalingGroups[0].standby", String.valueOf(size));
    }

    private static void setWeights(DaemonOnSimulator drc, long weight) {
        String zone = drc.demo.hostedZoneId();
        drc.aws.route53().changeResourceRecordSets(r -> r.hostedZoneId(zone).changeBatch(b -> b.changes(
                drc.aws.route53().listResourceRecordSets(l -> l.hostedZoneId(zone))
                        .resourceRecordSets().stream().filter(set -> set.setIdentifier() != null)
                        .map(set -> Change.builder().action(ChangeAction.UPSERT)
                                .resourceRecordSet(set.toBuilder().weight(weight).build()).build())
                        .toList())));
    }

    private static void runDrWebTier(DaemonOnSimulator drc, int size) {
        var dr = drc.aws.autoScaling("us-west-2");
        dr.updateAutoScalingGroup(r -> r.autoScalingGroupName("web").minSize(size).desiredCapacity(size));
        drc.driveUntil(Duration.ofSeconds(5), () -> dr.describeAutoScalingGroups(r -> r.autoScalingGroupNames("web"))
                        .autoScalingGroups().get(0).instances().stream()
                        .filter(i -> i.lifecycleStateAsString().equals("InService")).count() == size,
                () -> "the DR web tier at " + size + " InService before the failover");
    }
}
