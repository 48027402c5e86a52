package io.drc.simulator.rds;

import io.drc.simulator.core.AwsError;
import io.drc.simulator.core.Pages;
import io.drc.simulator.core.RegionState;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import software.amazon.awssdk.services.rds.model.DBCluster;
import software.amazon.awssdk.services.rds.model.DescribeDbClustersRequest;
import software.amazon.awssdk.services.rds.model.DescribeDbClustersResponse;

/**
 * DescribeDBClusters. The simulator models no Aurora or Multi-AZ DB clusters: the account has none, so a named
 * cluster is {@code DBClusterNotFoundFault} and a listing is empty (after the same checks of Filters and
 * MaxRecords RDS makes).
 */
public final class DbClusterOperations {
    private static final Map<String, Function<DBCluster, List<String>>> FILTERS = Map.of(
            "db-cluster-id", c -> List.of(c.dbClusterIdentifier()),
            "engine", c -> List.of(c.engine()),
            "clone-group-id", c -> List.of(),
            "db-cluster-resource-id", c -> List.of(c.dbClusterResourceId()),
            "domain", c -> List.of());

    public DescribeDbClustersResponse describeDBClusters(DescribeDbClustersRequest request, RegionState region) {
        if (request.dbClusterIdentifier() != null) {
            throw new AwsError(404, "DBClusterNotFoundFault", "DBCluster " + request.dbClusterIdentifier()
                    + " not found.");
        }
        Pages.Page<DBCluster> page = RdsQueries.page(RdsQueries.filter(List.<DBCluster>of(), request.filters(),
                FILTERS), request.marker(), request.maxRecords());
        return DescribeDbClustersResponse.builder().dbClusters(page.items()).marker(page.nextToken()).build();
    }
}
