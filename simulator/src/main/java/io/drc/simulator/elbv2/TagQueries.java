package io.drc.simulator.elbv2;

import io.drc.simulator.core.AwsError;
import io.drc.simulator.core.RegionState;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DescribeTagsRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DescribeTagsResponse;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Tag;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TagDescription;

/** DescribeTags for target groups and load balancers (at most 20 ARNs per call, as AWS allows). */
public final class TagQueries {
    private static final int MAX_ARNS = 20;

    public DescribeTagsResponse describeTags(DescribeTagsRequest request, RegionState region) {
        List<String> arns = request.resourceArns();
        if (arns.isEmpty() || arns.size() > MAX_ARNS) {
            throw AwsError.badRequest("ValidationError", "ResourceArns must name between 1 and " + MAX_ARNS
                    + " resources");
        }
        Elbv2State elb = Elbv2State.of(region);
        List<TagDescription> descriptions = arns.stream().map(arn -> {
            Map<String, String> tags = tagsOf(elb, arn);
            return TagDescription.builder().resourceArn(arn).tags(tags.entrySet().stream()
                    .map(e -> Tag.builder().key(e.getKey()).value(e.getValue()).build()).toList()).build();
        }).toList();
        return DescribeTagsResponse.builder().tagDescriptions(descriptions).build();
    }

    private static Map<String, String> tagsOf(Elbv2State elb, String arn) {
        ElbTargetGroup group = elb.targetGroups.get(arn);
        if (group != null) {
            return group.tags;
        }
        ElbLoadBalancer lb = elb.loadBalancers.get(arn);
        if (lb != null) {
            return lb.tags;
        }
        if (arn != null && arn.contains(":loadbalancer/")) {
            throw Elbv2State.loadBalancerNotFound();
        }
        throw AwsError.badRequest("TargetGroupNotFound", "Target groups '" + arn + "' not found");
    }
}
