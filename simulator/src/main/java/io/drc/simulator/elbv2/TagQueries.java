package io.drc.simulator.elbv2;

import io.drc.simulator.core.AwsError;
import io.drc.simulator.core.RegionState;
import java.util.List;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DescribeTagsRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DescribeTagsResponse;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Tag;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TagDescription;

/** DescribeTags for target groups (at most 20 ARNs per call, as AWS allows). */
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
            ElbTargetGroup group = elb.targetGroups.get(arn);
            if (group == null) {
                throw AwsError.badRequest("TargetGroupNotFound", "Target groups '" + arn + "' not found");
            }
            return TagDescription.builder().resourceArn(arn).tags(group.tags.entrySet().stream()
                    .map(e -> Tag.builder().key(e.getKey()).value(e.getValue()).build()).toList()).build();
        }).toList();
        return DescribeTagsResponse.builder().tagDescriptions(descriptions).build();
    }
}
