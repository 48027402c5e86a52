package io.drc.simulator.rds;

import io.drc.simulator.core.ServiceIdentity;
import io.drc.simulator.core.AwsError;
import io.drc.simulator.core.AwsService;
import io.drc.simulator.protocol.QueryProtocol;

/**
 * Amazon RDS (API 2014-10-31, query protocol): DB instances, read replicas across regions, manual snapshots and
 * their cross-region copies, tags, and the {@code AWS/RDS ReplicaLag} metric of each region's replicas
 * (see {@link RdsState}).
 */
public final class RdsService extends AwsService {
    private static final ServiceIdentity IDENTITY = new ServiceIdentity("rds",
            QueryProtocol.query("http://rds.amazonaws.com/doc/2014-10-31/"), "2014-10-31",
            new AwsError(400, "ThrottlingException", "Rate exceeded"), ServiceIdentity.INTERNAL_FAILURE);

    public RdsService() {
        super(IDENTITY, new DbInstanceOperations(), new DbInstanceModifyOperations(), new ReadReplicaOperations(),
                new DbSnapshotOperations(), new SnapshotCopyOperations(), new RestoreOperations(),
                new RdsTagOperations(), new DbClusterOperations());
    }
}
