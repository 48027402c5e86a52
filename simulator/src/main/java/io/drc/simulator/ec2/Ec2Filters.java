package io.drc.simulator.ec2;

import io.drc.simulator.core.AwsError;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
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
        return compile(filters).test(resource);
    }

    /**
     * The filters as one predicate, each filter's values compiled once (not once per resource): a describe with
     * hundreds of values over tens of thousands of resources stays fast. Values without wildcards match exactly.
     */
    Predicate<T> compile(List<Filter> filters) {
        List<Predicate<T>> all = filters.stream().map(this::compileOne).toList();
        return resource -> all.stream().allMatch(p -> p.test(resource));
    }

    private Predicate<T> compileOne(Filter filter) {
        Set<String> exact = new HashSet<>();
        List<Pattern> patterns = new ArrayList<>();
        for (String value : filter.values()) {
            if (value.indexOf('*') < 0 && value.indexOf('?') < 0) {
                exact.add(value);
            } else {
                patterns.add(wildcard(value));
            }
        }
        return resource -> values(resource, filter.name()).stream().anyMatch(v -> exact.contains(v)
                || patterns.stream().anyMatch(p -> p.matcher(v).matches()));
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
