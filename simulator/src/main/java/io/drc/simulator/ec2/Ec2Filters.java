package io.drc.simulator.ec2;

import io.drc.simulator.core.AwsError;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.ec2.model.Filter;

/**
 * EC2's {@code Filter.N.Name/Value.M} matching: filters are ANDed, a filter's values ORed, {@code *} and
 * {@code ?} are wildcards. {@code tag:<key>}, {@code tag-key} and {@code tag-value} work on every resource;
 * other names come from the describe operation's table of attributes.
 */
final class Ec2Filters<T> {
    private final Map<String, Function<T, Object>> attributes;
    private final Function<T, Map<String, String>> tagsOf;

    private Ec2Filters(Map<String, Function<T, Object>> attributes, Function<T, Map<String, String>> tagsOf) {
        this.attributes = attributes;
        this.tagsOf = tagsOf;
    }

    /** @param attributes filter name → the resource's value(s): a String, a Collection of them, or null */
    static <T extends Ec2Resource> Ec2Filters<T> ofResources(Map<String, Function<T, Object>> attributes) {
        return new Ec2Filters<>(attributes, r -> r.tags);
    }

    /** Filters on things that carry no tags of their own (DescribeTags' tag entries). */
    static <T> Ec2Filters<T> untagged(Map<String, Function<T, Object>> attributes) {
        return new Ec2Filters<>(attributes, t -> Map.of());
    }

    /** AWS rejects an unknown filter name even when nothing would be filtered. */
    void requireKnown(List<Filter> filters) {
        for (Filter filter : filters) {
            String name = filter.name();
            if (name == null) {
                throw AwsError.missingParameter("Filter.Name");
            }
            if (!name.startsWith("tag:") && !name.equals("tag-key") && !name.equals("tag-value")
                    && !attributes.containsKey(name)) {
                throw AwsError.badRequest("InvalidParameterValue", "The filter '" + name + "' is invalid");
            }
        }
    }

    boolean matches(T resource, List<Filter> filters) {
        return filters.stream().allMatch(f -> matchesOne(resource, f));
    }

    private boolean matchesOne(T resource, Filter filter) {
        Collection<String> actual = values(resource, filter.name());
        return filter.values().stream().map(Ec2Filters::wildcard)
                .anyMatch(p -> actual.stream().anyMatch(v -> p.matcher(v).matches()));
    }

    private Collection<String> values(T resource, String name) {
        Map<String, String> tags = tagsOf.apply(resource);
        if (name.startsWith("tag:")) {
            String value = tags.get(name.substring("tag:".length()));
            return value == null ? List.of() : List.of(value);
        }
        if (name.equals("tag-key")) {
            return tags.keySet();
        }
        if (name.equals("tag-value")) {
            return tags.values();
        }
        Object value = attributes.get(name).apply(resource);
        if (value instanceof Collection<?> many) {
            return many.stream().map(String::valueOf).toList();
        }
        return value == null ? List.of() : List.of(String.valueOf(value));
    }

    private static Pattern wildcard(String value) {
        StringBuilder regex = new StringBuilder();
        for (char c : value.toCharArray()) {
            regex.append(c == '*' ? ".*" : c == '?' ? "." : Pattern.quote(String.valueOf(c)));
        }
        return Pattern.compile(regex.toString(), Pattern.DOTALL);
    }
}
