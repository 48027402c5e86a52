package io.drc.strategies.serving;

import java.util.List;
import java.util.Optional;

/**
 * The production resources that can serve the application, from configuration: the weighted Route 53 record that
 * sends users to a region, and per region its set identifier, its database and its web tier. Guards read the live
 * state of exactly these to tell what serves now; anything not named here (a drill's copies) is not production.
 */
public record ServingTopology(String hostedZoneId, String recordName, List<Site> sites) {

    /** One region's production resources; {@code databaseId} is null where the region has no database configured. */
    public record Site(String region, String dnsSetIdentifier, String databaseId, List<String> groups) {
        public Site {
            groups = List.copyOf(groups);
        }
    }

    public ServingTopology {
        sites = List.copyOf(sites);
    }

    /** A topology naming nothing: guards find no production resource in it. Only for tools that run no step. */
    public static ServingTopology none() {
        return new ServingTopology(null, null, List.of());
    }

    public Optional<Site> site(String region) {
        return sites.stream().filter(s -> s.region().equals(region)).findFirst();
    }

    public boolean isProductionDatabase(String region, String dbInstanceId) {
        return site(region).map(s -> dbInstanceId.equals(s.databaseId())).orElse(false);
    }

    public boolean isProductionGroup(String region, String groupName) {
        return site(region).map(s -> s.groups().contains(groupName)).orElse(false);
    }

    public boolean hasDns() {
        return hostedZoneId != null && recordName != null;
    }
}
