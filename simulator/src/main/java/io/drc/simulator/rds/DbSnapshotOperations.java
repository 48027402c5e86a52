package io.drc.simulator.rds;

import io.drc.simulator.core.Pages;
import io.drc.simulator.core.RegionState;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import software.amazon.awssdk.services.rds.model.CreateDbSnapshotRequest;
import software.amazon.awssdk.services.rds.model.CreateDbSnapshotResponse;
import software.amazon.awssdk.services.rds.model.DeleteDbSnapshotRequest;
import software.amazon.awssdk.services.rds.model.DeleteDbSnapshotResponse;
import software.amazon.awssdk.services.rds.model.DescribeDbSnapshotsRequest;
import software.amazon.awssdk.services.rds.model.DescribeDbSnapshotsResponse;

/** Manual DB snapshots: create (within the region's quota), describe with filters and pages, delete. */
public final class DbSnapshotOperations {
    private static final Map<String, Function<DbSnapshotRecord, List<String>>> FILTERS = Map.of(
            "db-instance-id", s -> List.of(s.instanceIdentifier, RdsNames.instanceArn(s.region, s.instanceIdentifier)),
            "db-snapshot-id", s -> List.of(s.identifier, RdsNames.snapshotArn(s.region, s.identifier)),
            "dbi-resource-id", s -> List.of(s.resourceId),
            "snapshot-type", s -> List.of("manual"),
            "engine", s -> List.of(s.engine));

    public CreateDbSnapshotResponse createDBSnapshot(CreateDbSnapshotRequest request, RegionState region) {
        String id = RdsNames.newIdentifier(request.dbSnapshotIdentifier(), "DBSnapshotIdentifier", 255);
        DbInstanceRecord instance = DbInstanceOperations.available(RdsState.of(region),
                DbInstanceOperations.id(request.dbInstanceIdentifier(), region));
        DbSnapshotRecord s = SnapshotLifecycle.take(instance, id, request.tags(), region);
        return CreateDbSnapshotResponse.builder().dbSnapshot(RdsModel.snapshot(s, region.world().now())).build();
    }

    /** Without SnapshotType both manual and automated snapshots are listed; the simulator keeps no automated ones. */
    public DescribeDbSnapshotsResponse describeDBSnapshots(DescribeDbSnapshotsRequest request, RegionState region) {
        RdsState state = RdsState.of(region);
        List<DbSnapshotRecord> snapshots = request.dbSnapshotIdentifier() == null ? state.snapshots()
                : List.of(state.snapshot(id(request.dbSnapshotIdentifier(), region)));
        if (request.dbInstanceIdentifier() != null) {
            String instance = RdsNames.parse(request.dbInstanceIdentifier(), "db", region).id();
            snapshots = snapshots.stream().filter(s -> s.instanceIdentifier.equals(instance)).toList();
        }
        if (request.snapshotType() != null && !"manual".equals(request.snapshotType())) {
            snapshots = List.of();
        }
        Pages.Page<DbSnapshotRecord> page = RdsQueries.page(
                RdsQueries.filter(snapshots, request.filters(), FILTERS), request.marker(), request.maxRecords());
        return DescribeDbSnapshotsResponse.builder()
                .dbSnapshots(page.items().stream().map(s -> RdsModel.snapshot(s, region.world().now())).toList())
                .marker(page.nextToken())
                .build();
    }

    public DeleteDbSnapshotResponse deleteDBSnapshot(DeleteDbSnapshotRequest request, RegionState region) {
        RdsState state = RdsState.of(region);
        DbSnapshotRecord s = state.snapshot(id(request.dbSnapshotIdentifier(), region));
        if (s.inProgress()) {
            throw RdsErrors.invalidSnapshotState("Cannot delete the snapshot because it is not in available state.");
        }
        state.remove(s);
        s.status = "deleted";
        return DeleteDbSnapshotResponse.builder().dbSnapshot(RdsModel.snapshot(s, region.world().now())).build();
    }

    /** The identifier of a snapshot of {@code region} named by identifier or ARN. */
    static String id(String nameOrArn, RegionState region) {
        RdsNames.ResourceName name = RdsNames.parse(RdsNames.required(nameOrArn, "DBSnapshotIdentifier"), "snapshot", region);
        if (!name.isIn(region)) {
            throw RdsErrors.snapshotNotFound(nameOrArn);
        }
        return name.id();
    }
}
