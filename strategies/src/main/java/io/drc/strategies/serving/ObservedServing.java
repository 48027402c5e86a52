package io.drc.strategies.serving;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * What serves the application right now, as AWS shows it: the Route 53 weight of each region's record and the role
 * of each region's production database. Pure data; {@link ServingStateReader} reads it.
 *
 * @param weights        by region; a region whose record was not found is absent
 * @param weightsProblem why the weights could not be read, else null (then {@code weights} is empty)
 * @param databases      by region, for the regions with a configured database
 */
public record ObservedServing(Map<String, Integer> weights, String weightsProblem,
                              Map<String, ObservedDatabase> databases) {

    public ObservedServing {
        weights = Map.copyOf(weights);
        databases = Map.copyOf(databases);
    }

    public boolean weightsKnown() {
        return weightsProblem == null;
    }

    /** Whether Route 53 sends the region any traffic; empty when the weights could not be read. */
    public Optional<Boolean> receivesTraffic(String region) {
        return weightsKnown() ? Optional.of(weights.getOrDefault(region, 0) > 0) : Optional.empty();
    }

    public Optional<ObservedDatabase> database(String region) {
        return Optional.ofNullable(databases.get(region));
    }

    /** The writable production databases other than the one in {@code region}. */
    public List<ObservedDatabase> otherWritableDatabases(String region) {
        return databases.values().stream().filter(d -> !d.region().equals(region) && d.writable()).toList();
    }

    /**
     * What was observed, in words for an operator, e.g.
     * {@code Route 53 weights us-east-1=100, us-west-2=0; databases: shop-db (us-east-1) writable, available; …}.
     */
    public String describe(List<String> regionOrder) {
        String dns = weightsKnown()
                ? "Route 53 weights " + regionOrder.stream().map(r -> r + "=" + (weights.containsKey(r) ? weights.get(r)
                        : "no record")).collect(Collectors.joining(", "))
                : "Route 53 weights unreadable (" + weightsProblem + ")";
        String dbs = regionOrder.stream().map(databases::get).filter(d -> d != null).map(ObservedDatabase::describe)
                .collect(Collectors.joining("; "));
        return dbs.isEmpty() ? dns : dns + "; databases: " + dbs;
    }

    /** As JSON-friendly data for audit entries and dry runs. */
    public Map<String, Object> asMap() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("weights", weightsKnown() ? weights : null);
        if (!weightsKnown()) {
            out.put("weightsProblem", weightsProblem);
        }
        Map<String, String> dbs = new LinkedHashMap<>();
        databases.values().forEach(d -> dbs.put(d.instanceId(), d.describe()));
        out.put("databases", dbs);
        return out;
    }
}
