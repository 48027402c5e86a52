package io.drc.controller.replication;

import io.drc.controller.config.ReplicationConfig;
import io.drc.controller.core.ResourceKind;
import java.util.Optional;

/** The copy quotas AWS counts separately per destination region: EBS snapshots, AMIs, RDS snapshots. */
public enum CopyGroup {
    EBS, AMI, RDS;

    /** Empty for a read replica, which RDS keeps current without copies. */
    public static Optional<CopyGroup> of(ResourceKind kind) {
        return switch (kind) {
            case EC2_INSTANCE -> Optional.of(AMI);
            case EBS_VOLUME -> Optional.of(EBS);
            case RDS_INSTANCE -> Optional.of(RDS);
            case RDS_REPLICA -> Optional.empty();
        };
    }

    public int limit(ReplicationConfig.MaxConcurrentCopies max) {
        return switch (this) {
            case EBS -> max.ebs();
            case AMI -> max.ami();
            case RDS -> max.rds();
        };
    }
}
