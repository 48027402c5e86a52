package io.drc.simulator.ec2;

import io.drc.simulator.core.AwsError;
import io.drc.simulator.core.Pages;
import io.drc.simulator.core.RegionState;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import software.amazon.awssdk.services.ec2.model.CreateTagsRequest;
import software.amazon.awssdk.services.ec2.model.CreateTagsResponse;
import software.amazon.awssdk.services.ec2.model.DeleteTagsRequest;
import software.amazon.awssdk.services.ec2.model.DeleteTagsResponse;
import software.amazon.awssdk.services.ec2.model.DescribeTagsRequest;
import software.amazon.awssdk.services.ec2.model.DescribeTagsResponse;
import software.amazon.awssdk.services.ec2.model.Tag;
import software.amazon.awssdk.services.ec2.model.TagDescription;

/** CreateTags, DeleteTags, DescribeTags across instances, volumes, images, snapshots and launch templates. */
public final class TagOperations {
    private record Entry(String resourceId, String resourceType, String key, String value) { }

    private static final Ec2Filters<Entry> FILTERS = Ec2Filters.untagged(Map.<String, Function<Entry, Object>>of(
            "resource-id", Entry::resourceId,
            "resource-type", Entry::resourceType,
            "key", Entry::key,
            "value", Entry::value));

    public CreateTagsResponse createTags(CreateTagsRequest request, RegionState region) {
        List<Ec2Resource> resources = resources(request.resources(), region);
        if (request.tags().isEmpty()) {
            throw AwsError.missingParameter("Tag");
        }
        Map<String, String> tags = Ec2Tags.toMap(request.tags());
        resources.forEach(r -> Ec2Tags.put(r, tags));
        return CreateTagsResponse.builder().build();
    }

    public DeleteTagsResponse deleteTags(DeleteTagsRequest request, RegionState region) {
        for (Ec2Resource resource : resources(request.resources(), region)) {
            if (request.tags().isEmpty()) {
                resource.tags.clear();
            }
            for (Tag tag : request.tags()) {
                if (tag.value() == null || tag.value().equals(resource.tags.get(tag.key()))) {
                    resource.tags.remove(tag.key());
                }
            }
        }
        return DeleteTagsResponse.builder().build();
    }

    public DescribeTagsResponse describeTags(DescribeTagsRequest request, RegionState region) {
        Ec2State ec2 = Ec2State.of(region);
        FILTERS.requireKnown(request.filters());
        List<Entry> entries = Stream.of(Ec2Kind.values())
                .flatMap(kind -> ec2.map(kind).values().stream().flatMap(r -> r.tags.entrySet().stream()
                        .map(t -> new Entry(r.id, kind.resourceType, t.getKey(), t.getValue()))))
                .filter(e -> FILTERS.matches(e, request.filters()))
                .sorted(Comparator.comparing(Entry::resourceId).thenComparing(Entry::key))
                .toList();
        Pages.Page<Entry> page = Ec2Query.page(entries, List.of(), request.nextToken(), request.maxResults());
        return DescribeTagsResponse.builder().nextToken(page.nextToken())
                .tags(page.items().stream().map(e -> TagDescription.builder().resourceId(e.resourceId())
                        .resourceType(e.resourceType()).key(e.key()).value(e.value()).build()).toList())
                .build();
    }

    /** Every resource must exist before any is changed. */
    private static List<Ec2Resource> resources(List<String> ids, RegionState region) {
        if (ids.isEmpty()) {
            throw AwsError.missingParameter("ResourceId");
        }
        Ec2State ec2 = Ec2State.of(region);
        return ids.stream().map(ec2::resource).toList();
    }
}
