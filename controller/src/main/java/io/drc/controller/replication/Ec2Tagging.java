package io.drc.controller.replication;

import io.drc.strategies.aws.DrcTags;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.Tag;
import software.amazon.awssdk.services.ec2.model.TagSpecification;

/** EC2's shapes for drc's tags and tag filters. */
final class Ec2Tagging {
    private Ec2Tagging() {}

    static List<Tag> tags(Map<String, String> tags) {
        return tags.entrySet().stream().map(e -> Tag.builder().key(e.getKey()).value(e.getValue()).build()).toList();
    }

    static TagSpecification spec(ResourceType type, Map<String, String> tags) {
        return TagSpecification.builder().resourceType(type).tags(tags(tags)).build();
    }

    static Map<String, String> map(List<Tag> tags) {
        return tags.stream().collect(Collectors.toMap(Tag::key, Tag::value, (a, b) -> b));
    }

    static Filter tag(String key, String value) {
        return Filter.builder().name("tag:" + key).values(value).build();
    }

    /** Everything drc made for the application. */
    static List<Filter> owned(String application) {
        return List.of(tag(DrcTags.MANAGED_BY, DrcTags.MANAGED_BY_VALUE), tag(DrcTags.APPLICATION, application));
    }
}
