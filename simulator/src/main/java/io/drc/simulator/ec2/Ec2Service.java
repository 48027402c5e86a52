package io.drc.simulator.ec2;

import io.drc.simulator.core.AwsError;
import io.drc.simulator.core.AwsService;
import io.drc.simulator.protocol.Protocol;
import io.drc.simulator.protocol.QueryProtocol;
import io.drc.simulator.protocol.WireRequest;

/** EC2: instances, volumes, images, snapshots, launch templates and tags; state in {@link Ec2State}. */
public final class Ec2Service extends AwsService {
    private static final Protocol PROTOCOL = QueryProtocol.ec2();

    public Ec2Service() {
        super(new RegionOperations(), new InstanceOperations(), new VolumeOperations(), new ImageOperations(),
                new ImageCopyOperations(), new SnapshotOperations(), new SnapshotCopyOperations(),
                new TagOperations(), new LaunchTemplateOperations(), new LaunchTemplateQueries());
    }

    @Override
    public String signingName() {
        return "ec2";
    }

    @Override
    public Protocol protocol() {
        return PROTOCOL;
    }

    @Override
    public AwsError throttlingError() {
        return new AwsError(503, "RequestLimitExceeded", "Request limit exceeded.");
    }

    @Override
    public AwsError serverError() {
        return new AwsError(500, "InternalError", "An internal error has occurred.");
    }

    @Override
    public boolean claims(WireRequest request) {
        return "2016-11-15".equals(request.params().get("Version"));
    }
}
