package io.drc.strategies.handlers;

import io.drc.strategies.aws.AwsClients;
import io.drc.strategies.aws.DrcTags;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancer;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroup;

/**
 * What a drill made and what is left of it, found by the tag {@code drc:drill=<execution id>} in one region with
 * each service's describe calls (the Resource Groups Tagging API is not among the services drc uses): Auto Scaling
 * groups, load balancers (with their listeners), target groups, DB instances and DB snapshots. Read-only.
 */
final class DrillResources {
    /** ELBv2 DescribeTags takes at most 20 ARNs a call. */
    private static final int TAG_BATCH = 20;

    /** One resource carrying the drill's tag; {@code id} is what the service's delete call takes. */
    record Found(Kind kind, String id, String name, String state) {
        String describe() {
            return kind.label + " " + name + (state == null ? "" : " (" + state + ")");
        }
    }

    enum Kind {
        AUTO_SCALING_GROUP("Auto Scaling group"), LOAD_BALANCER("load balancer"), TARGET_GROUP("target group"), DB_INSTANCE("DB instance"),
        DB_SNAPSHOT("DB snapshot");

        final String label;

        Kind(String label) {
            this.label = label;
        }
    }

    private DrillResources() {
    }

    static List<Found> find(AwsClients aws, String region, String drill) {
        List<Found> found = new ArrayList<>();
        aws.autoScaling(region).describeAutoScalingGroupsPaginator().autoScalingGroups().stream()
                .filter(g -> g.tags().stream().anyMatch(t -> t.key().equals(DrcTags.DRILL) && drill.equals(t.value())))
                .forEach(g -> found.add(new Found(Kind.AUTO_SCALING_GROUP, g.autoScalingGroupName(),
                        g.autoScalingGroupName(), g.status())));
        ElasticLoadBalancingV2Client elb = aws.elbv2(region);
        List<LoadBalancer> balancers = elb.describeLoadBalancersPaginator().loadBalancers().stream().toList();
        Map<String, Map<String, String>> balancerTags = tags(elb,
                balancers.stream().map(LoadBalancer::loadBalancerArn).toList());
        balancers.stream().filter(b -> drill.equals(balancerTags.getOrDefault(b.loadBalancerArn(), Map.of())
                        .get(DrcTags.DRILL)))
                .forEach(b -> found.add(new Found(Kind.LOAD_BALANCER, b.loadBalancerArn(), b.loadBalancerName(),
                        b.state() == null ? null : b.state().codeAsString())));
        List<TargetGroup> groups = elb.describeTargetGroupsPaginator().targetGroups().stream().toList();
        Map<String, Map<String, String>> tags = tags(elb, groups.stream().map(TargetGroup::targetGroupArn).toList());
        groups.stream().filter(g -> drill.equals(tags.getOrDefault(g.targetGroupArn(), Map.of()).get(DrcTags.DRILL)))
                .forEach(g -> found.add(new Found(Kind.TARGET_GROUP, g.targetGroupArn(), g.targetGroupName(), null)));
        var rds = aws.rds(region);
        rds.describeDBInstancesPaginator().dbInstances().stream()
                .filter(d -> drill.equals(AwsLookups.tags(d.tagList()).get(DrcTags.DRILL)))
                .forEach(d -> found.add(new Found(Kind.DB_INSTANCE, d.dbInstanceIdentifier(), d.dbInstanceIdentifier(),
                        d.dbInstanceStatus())));
        rds.describeDBSnapshotsPaginator(r -> r.snapshotType("manual")).dbSnapshots().stream()
                .filter(s -> drill.equals(AwsLookups.tags(s.tagList()).get(DrcTags.DRILL)))
                .forEach(s -> found.add(new Found(Kind.DB_SNAPSHOT, s.dbSnapshotIdentifier(), s.dbSnapshotIdentifier(),
                        s.status())));
        return found;
    }

    /** The tags of each target group or load balancer, by ARN. */
    static Map<String, Map<String, String>> tags(ElasticLoadBalancingV2Client elb, List<String> arns) {
        Map<String, Map<String, String>> out = new HashMap<>();
        for (int i = 0; i < arns.size(); i += TAG_BATCH) {
            List<String> batch = arns.subList(i, Math.min(arns.size(), i + TAG_BATCH));
            elb.describeTags(r -> r.resourceArns(batch)).tagDescriptions().forEach(d -> {
                Map<String, String> tags = new HashMap<>();
                d.tags().forEach(t -> tags.put(t.key(), t.value()));
                out.put(d.resourceArn(), tags);
            });
        }
        return out;
    }
}
