package io.drc.controller.engine;

import io.dropwizard.testing.ConfigOverride;
import java.time.Duration;
import java.util.List;
import software.amazon.awssdk.services.route53.model.Change;
import software.amazon.awssdk.services.route53.model.ChangeAction;

/**
 * The demo application kept the multi-site way: both regions serve, 50/50 weights and the DR web tier at full
 * size, in configuration (normalWeight, DR standby = full load) and in the simulator, which the demo seeds as a
 * pilot light.
 */
public final class MultiSiteDemo {
    private MultiSiteDemo() {
    }

    /** Brings the simulator to the multi-site steady state; returns the configuration that describes it. */
    public static List<ConfigOverride> prepare(DaemonOnSimulator drc) {
        String zone = drc.demo.hostedZoneId();
        drc.aws.route53().changeResourceRecordSets(r -> r.hostedZoneId(zone).changeBatch(b -> b.changes(
                drc.aws.route53().listResourceRecordSets(l -> l.hostedZoneId(zone))
                        .resourceRecordSets().stream().filter(set -> set.setIdentifier() != null)
                        .map(set -> Change.builder().action(ChangeAction.UPSERT)
                                .resourceRecordSet(set.toBuilder().weight(50L).build()).build())
                        .toList())));
        var dr = drc.aws.autoScaling("us-west-2");
        dr.updateAutoScalingGroup(r -> r.autoScalingGroupName("web").minSize(4).desiredCapacity(4));
        drc.driveUntil(Duration.ofSeconds(5), () -> dr.describeAutoScalingGroups(r -> r.autoScalingGroupNames("web"))
                        .autoScalingGroups().get(0).instances().stream()
                        .filter(i -> i.lifecycleStateAsString().equals("InService")).count() == 4,
                () -> "the DR web tier InService before the failover");
        return List.of(ConfigOverride.config("recovery.regions.us-east-1.normalWeight", "50"),
                ConfigOverride.config("recovery.regions.us-west-2.normalWeight", "50"),
                ConfigOverride.config("recovery.regions.us-west-2.autoScalingGroups[0].standby", "4"));
    }
}
