package io.drc.simulator.ec2;

import io.drc.simulator.core.AwsError;
import io.drc.simulator.core.Pages;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/** The common shape of EC2's Describe calls: ids (all must exist), then filters, then MaxResults/NextToken. */
final class Ec2Query {
    private static final int MAX_PAGE = 1000;
    private static final int MIN_PAGE = 5;

    private Ec2Query() {
    }

    static <T extends Ec2Resource> List<T> select(Map<String, T> all, Ec2Kind kind, List<String> ids,
                                                  List<software.amazon.awssdk.services.ec2.model.Filter> filters,
                                                  Ec2Filters<T> table) {
        ids.forEach(kind::requireWellFormed);
        table.requireKnown(filters);
        List<String> missing = ids.stream().filter(id -> !all.containsKey(id)).toList();
        if (!missing.isEmpty()) {
            throw kind.notFound(String.join(", ", missing));
        }
        Set<String> wanted = Set.copyOf(ids);
        Predicate<T> matching = table.compile(filters);
        return all.values().stream()
                .filter(r -> wanted.isEmpty() || wanted.contains(r.id))
                .filter(matching)
                .sorted(Comparator.comparing((T r) -> r.createdAt).thenComparing(r -> r.id))
                .toList();
    }

    /** One page; EC2 refuses MaxResults together with explicit ids, and outside 5..1000. */
    static <T> Pages.Page<T> page(List<T> items, List<String> ids, String token, Integer maxResults) {
        return page(items, ids, token, maxResults, MIN_PAGE, MAX_PAGE);
    }

    /** One page of a Describe call whose MaxResults range is {@code min..max} (launch templates: 1..200). */
    static <T> Pages.Page<T> page(List<T> items, List<String> ids, String token, Integer maxResults, int min,
                                  int max) {
        if (maxResults != null) {
            if (!ids.isEmpty()) {
                throw AwsError.badRequest("InvalidParameterCombination",
                        "The parameter ids cannot be used with the parameter maxResults");
            }
            if (maxResults < min || maxResults > max) {
                throw AwsError.badRequest("InvalidParameterValue", "Value ( " + maxResults
                        + " ) for parameter maxResults is invalid. Expecting a value between " + min + " and " + max
                        + ".");
            }
        }
        return Pages.page(items, token, maxResults, max, "InvalidPaginationToken");
    }
}
