package io.drc.simulator.rds;

import io.drc.simulator.core.Pages;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import software.amazon.awssdk.services.rds.model.Filter;

/** What RDS's Describe operations share: Filters by name and Marker/MaxRecords pages of 20 to 100. */
final class RdsQueries {
    private static final int MIN_RECORDS = 20;
    private static final int MAX_RECORDS = 100;

    private RdsQueries() {
    }

    /**
     * @param attributes for each filter name RDS accepts, the values an item has for it; an item matches a filter
     *                   when one of its values is among the filter's values
     */
    static <T> List<T> filter(List<T> items, List<Filter> filters, Map<String, Function<T, List<String>>> attributes) {
        List<T> out = items;
        for (Filter f : filters) {
            Function<T, List<String>> attribute = attributes.get(f.name());
            if (attribute == null) {
                throw RdsErrors.invalidParameterValue("Unrecognized filter name: " + f.name() + ".");
            }
            out = out.stream().filter(item -> attribute.apply(item).stream().anyMatch(f.values()::contains)).toList();
        }
        return out;
    }

    static <T> Pages.Page<T> page(List<T> items, String marker, Integer maxRecords) {
        if (maxRecords != null && (maxRecords < MIN_RECORDS || maxRecords > MAX_RECORDS)) {
            throw RdsErrors.invalidParameterValue("Invalid value " + maxRecords + " for MaxRecords. Must be between "
                    + MIN_RECORDS + " and " + MAX_RECORDS);
        }
        return Pages.page(items, marker, maxRecords, MAX_RECORDS, "InvalidParameterValue");
    }
}
