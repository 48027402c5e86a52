package io.drc.simulator.ec2;

import io.drc.simulator.core.AwsError;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.ec2.model.Tag;
import software.amazon.awssdk.services.ec2.model.TagSpecification;

/** Tags on EC2 resources: from TagSpecifications at creation and from CreateTags, at most 50 per resource. */
final class Ec2Tags {
    static final int MAX_TAGS_PER_RESOURCE = 50;

    private Ec2Tags() {
    }

    /** Applies the specifications addressed to {@code resourceType} (e.g. {@code instance}, {@code snapshot}). */
    static void fromSpecifications(Ec2Resource resource, List<TagSpecification> specs, String resourceType) {
        put(resource, specified(specs, resourceType));
    }

    /** The validated tags the specifications address to {@code resourceType}. */
    static Map<String, String> specified(List<TagSpecification> specs, String resourceType) {
        Map<String, String> tags = new LinkedHashMap<>();
        for (TagSpecification spec : specs) {
            if (resourceType.equals(spec.resourceTypeAsString())) {
                tags.putAll(toMap(spec.tags()));
            }
        }
        return put(new LinkedHashMap<>(), tags);
    }

    static void put(Ec2Resource resource, Map<String, String> tags) {
        resource.tags.putAll(put(resource.tags, tags));
    }

    private static Map<String, String> put(Map<String, String> existing, Map<String, String> tags) {
        Map<String, String> merged = new LinkedHashMap<>(existing);
        tags.forEach((key, value) -> {
            if (key == null || key.isEmpty()) {
                throw AwsError.badRequest("InvalidParameterValue", "Tag keys must not be empty");
            }
            if (key.startsWith("aws:")) {
                throw AwsError.badRequest("InvalidParameterValue",
                        "Tag keys starting with 'aws:' are reserved for internal use");
            }
            merged.put(key, value == null ? "" : value);
        });
        if (merged.size() > MAX_TAGS_PER_RESOURCE) {
            throw AwsError.badRequest("TagLimitExceeded",
                    "The maximum number of Tags for a resource has been reached.");
        }
        return merged;
    }

    static Map<String, String> toMap(List<Tag> tags) {
        Map<String, String> out = new LinkedHashMap<>();
        tags.forEach(t -> out.put(t.key(), t.value()));
        return out;
    }

    static List<Tag> sdk(Ec2Resource resource) {
        return sdk(resource.tags);
    }

    static List<Tag> sdk(Map<String, String> tags) {
        return tags.entrySet().stream().map(e -> Tag.builder().key(e.getKey()).value(e.getValue()).build()).toList();
    }
}
