package io.drc.simulator.rds;

import io.drc.simulator.core.AwsError;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.rds.model.Tag;

/** Tags on RDS resources: later values win, at most 50 per resource. */
final class RdsTags {
    static final int MAX_TAGS = 50;

    private RdsTags() {
    }

    static void apply(Map<String, String> target, List<Tag> tags) {
        Map<String, String> merged = new LinkedHashMap<>(target);
        for (Tag tag : tags) {
            if (tag.key() == null || tag.key().isEmpty()) {
                throw AwsError.missingParameter("Tag.Key");
            }
            merged.put(tag.key(), tag.value() == null ? "" : tag.value());
        }
        if (merged.size() > MAX_TAGS) {
            throw RdsErrors.invalidParameterValue("Cannot add tags: a resource can have at most " + MAX_TAGS
                    + " tags (it would have " + merged.size() + ").");
        }
        target.clear();
        target.putAll(merged);
    }
}
