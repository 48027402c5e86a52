package io.drc.strategies.serving;

import java.util.List;
import java.util.Optional;

/**
 * Whether a destructive step may act on a production resource, decided from what serves right now; pure. A step
 * asks just before it acts, so a command that slipped past the start guards (or a runbook run in the wrong state)
 * still cannot delete the database or empty the web tier that serves.
 *
 * <p>Rules: a read replica may go (it takes no writes). A writable database may go only while another region's
 * production database is writable and that region receives traffic, i.e. the application has a serving writer
 * elsewhere. A web tier may be emptied only in a region that Route 53 sends no traffic to. Resources that the
 * topology does not name as production (drill copies) are not this guard's business.
 */
public final class DestructiveGuard {
    /** The error name steps fail with when the guard refuses; runbooks do not retry it. */
    public static final String UNSAFE = "Drc.UnsafeDestructiveStep";

    private final ServingTopology topology;

    public DestructiveGuard(ServingTopology topology) {
        this.topology = topology;
    }

    public boolean guardsDatabase(String region, String dbInstanceId) {
        return topology.isProductionDatabase(region, dbInstanceId);
    }

    public boolean guardsGroups(String region, List<String> groups) {
        return groups.stream().anyMatch(g -> topology.isProductionGroup(region, g));
    }

    /** Why deleting {@code dbInstanceId} in {@code region} would take down what serves, or empty when it would not. */
    public Optional<String> refuseDatabaseDeletion(ObservedServing now, String region, String dbInstanceId) {
        if (!guardsDatabase(region, dbInstanceId)) {
            return Optional.empty();
        }
        ObservedDatabase target = now.database(region).orElse(null);
        if (target == null || !target.writable()) {
            return Optional.empty();
        }
        boolean servingWriterElsewhere = now.otherWritableDatabases(region).stream()
                .anyMatch(other -> now.receivesTraffic(other.region()).orElse(false));
        if (servingWriterElsewhere) {
            return Optional.empty();
        }
        return Optional.of("refused to delete " + dbInstanceId + " in " + region + ": it is writable and no other "
                + "region has a writable database receiving traffic, so it is the database that serves the "
                + "application (observed: " + now.describe(regions()) + "). Nothing was deleted. If the application "
                + "really serves elsewhere, check the Route 53 weights and the database roles, then run the step again");
    }

    /** Why scaling {@code groups} in {@code region} to zero would drop traffic, or empty when it would not. */
    public Optional<String> refuseEmptyingWebTier(ObservedServing now, String region, List<String> groups) {
        // weights that could not be read count as traffic: the guard never acts blind
        if (!guardsGroups(region, groups) || !now.receivesTraffic(region).orElse(true)) {
            return Optional.empty();
        }
        return Optional.of("refused to scale " + String.join(", ", groups) + " in " + region + " to 0: Route 53 "
                + "still sends that region traffic (observed: " + now.describe(regions()) + "). Nothing was "
                + "changed. Move the traffic away first (the weight step), then run the step again");
    }

    private List<String> regions() {
        return topology.sites().stream().map(ServingTopology.Site::region).toList();
    }
}
