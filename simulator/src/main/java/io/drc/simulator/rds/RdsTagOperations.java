package io.drc.simulator.rds;

import io.drc.simulator.core.RegionState;
import java.util.Map;
import software.amazon.awssdk.services.rds.model.AddTagsToResourceRequest;
import software.amazon.awssdk.services.rds.model.AddTagsToResourceResponse;
import software.amazon.awssdk.services.rds.model.ListTagsForResourceRequest;
import software.amazon.awssdk.services.rds.model.ListTagsForResourceResponse;
import software.amazon.awssdk.services.rds.model.RemoveTagsFromResourceRequest;
import software.amazon.awssdk.services.rds.model.RemoveTagsFromResourceResponse;

/** Tags on DB instances and DB snapshots, named by ARN ({@code …:db:<id>}, {@code …:snapshot:<id>}). */
public final class RdsTagOperations {

    public AddTagsToResourceResponse addTagsToResource(AddTagsToResourceRequest request, RegionState region) {
        RdsTags.apply(tagsOf(request.resourceName(), region), request.tags());
        return AddTagsToResourceResponse.builder().build();
    }

    public ListTagsForResourceResponse listTagsForResource(ListTagsForResourceRequest request, RegionState region) {
        return ListTagsForResourceResponse.builder().tagList(RdsModel.tags(tagsOf(request.resourceName(), region))).build();
    }

    public RemoveTagsFromResourceResponse removeTagsFromResource(RemoveTagsFromResourceRequest request,
                                                                 RegionState region) {
        tagsOf(request.resourceName(), region).keySet().removeAll(request.tagKeys());
        return RemoveTagsFromResourceResponse.builder().build();
    }

    private static Map<String, String> tagsOf(String resourceName, RegionState region) {
        String arn = RdsNames.required(resourceName, "ResourceName");
        if (arn.matches("arn:aws:rds:[^:]+:\\d{12}:db:.+")) {
            return RdsState.of(region).instance(DbInstanceOperations.id(arn, region)).tags;
        }
        if (arn.matches("arn:aws:rds:[^:]+:\\d{12}:snapshot:.+")) {
            return RdsState.of(region).snapshot(DbSnapshotOperations.id(arn, region)).tags;
        }
        throw RdsErrors.invalidParameterValue("The specified resource name " + arn
                + " does not match an RDS resource the simulator keeps (DB instance or DB snapshot ARN).");
    }
}
