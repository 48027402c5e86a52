package io.drc.simulator.rds;

import io.drc.simulator.core.AwsError;
import io.drc.simulator.core.AwsService;
import io.drc.simulator.protocol.Protocol;
import io.drc.simulator.protocol.QueryProtocol;
import io.drc.simulator.protocol.WireRequest;

/**
 * Amazon RDS (API 2014-10-31, query protocol): DB instances, read replicas across regions, manual snapshots and
 * their cross-region copies, tags, and the {@code AWS/RDS ReplicaLag} metric of each region's replicas
 * (see {@link RdsState}).
 */
public final class RdsService extends AwsService {
    private static final String VERSION = "2014-10-31";
    private static final Protocol PROTOCOL = QueryProtocol.query("http://rds.amazonaws.com/doc/" + VERSION + "/");

    public RdsService() {
        super(new DbInstanceOperations(), new DbInstanceModifyOperations(), new ReadReplicaOperations(),
                new DbSnapshotOperations(), new SnapshotCopyOperations(), new RestoreOperations(),
                new RdsTagOperations());
    }

    @Override
    public String signingName() {
        return "rds";
    }

    @Override
    public Protocol protocol() {
        return PROTOCOL;
    }

    @Override
    public AwsError throttlingError() {
        return new AwsError(400, "ThrottlingException", "Rate exceeded");
    }

    @Override
    public boolean claims(WireRequest request) {
        return VERSION.equals(request.params().get("Version"));
    }
}
