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
 * groups, launch templates, load balancers (with their listeners), target groups, DB instances and DB snapshots;
 * and, untagged, the drill's DNS record. Read-only.
 */
final class DrillResources {
    /** ELBv2 DescribeTags takes at most 20 ARNs a call. */
    private static final int TAG_BATCH = 20;

    /** One resource carrying the drill's tag; {@code id} is what the service's delete call takes. */
    record Found(Kind kind, String id, String name, String state) {
        String describe() {
            return kind.label + " " + name + (state == null ? "" : " (" + state + ")");
        }

        /** The drill's DNS record (untagged: found by its value, {@link DrillDns}). */
        static Found record(DrillDns dns) {
            return new Found(Kind.DNS_RECORD, dns.name(), dns.name() + " in zone " + dns.hostedZoneId(), null);
        }
    }

    enum Kind {
        AUTO_SCALING_GROUP("Auto Scaling group"), LOAD_BALANCER("load balancer"), TARGET_GROUP("target group"), DB_INSTANCE("DB instance"),
        DB_SNAPSHOT("DB snapshot"), LAUNCH_TEMPLATE("launch template"), DNS_RECORD("Route 53 record");

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
        aws.ec2(region).describeLaunchTemplatesPaginator(r -> r.filters(f -> f.name("tag:" + DrcTags.DRILL).values(drill)))
                .launchTemplates().forEach(t -> found.add(new Found(Kind.LAUNCH_TEMPLATE, t.launchTemplateId(),
                        t.launchTemplateName(), null)));
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

    /** The same plus the drill's DNS record when {@code dns} is set and the record still points at its load balancer. */
    static List<Found> find(AwsClients aws, String region, String drill, DrillDns dns, String loadBalancer) {
        List<Found> found = new ArrayList<>(find(aws, region, drill));
        if (dns != null && loadBalancer != null && dns.ours(aws.route53(), loadBalancer).isPresent()) {
            found.add(Found.record(dns));
        }
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
