package io.drc.simulator.ec2;

import io.drc.simulator.core.ServiceIdentity;
import io.drc.simulator.core.AwsError;
import io.drc.simulator.core.AwsService;
import io.drc.simulator.protocol.QueryProtocol;

/** EC2: instances, volumes, images, snapshots, launch templates and tags; state in {@link Ec2State}. */
public final class Ec2Service extends AwsService {
    private static final ServiceIdentity IDENTITY = new ServiceIdentity("ec2", QueryProtocol.ec2(), "2016-11-15",
            new AwsError(503, "RequestLimitExceeded", "Request limit exceeded."),
            new AwsError(500, "InternalError", "An internal error has occurred."));

    public Ec2Service() {
        super(IDENTITY, new RegionOperations(), new InstanceOperations(), new VolumeOperations(), new ImageOperations(),
                new ImageCopyOperations(), new SnapshotOperations(), new SnapshotCopyOperations(),
                new TagOperations(), new LaunchTemplateOperations(), new LaunchTemplateQueries(),
                new InstanceStatusOperations(), new AccountOperations());
    }
}
