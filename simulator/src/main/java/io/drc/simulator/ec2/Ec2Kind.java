package io.drc.simulator.ec2;

import io.drc.simulator.core.AwsError;
import java.util.Arrays;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The kinds of EC2 resource the simulator keeps, with AWS's id prefix, tag resource type and error codes
 * (the "Malformed" code answers an id without the {@code prefix-hex} shape).
 */
enum Ec2Kind {
    INSTANCE("i", "instance", "InstanceId", "InvalidInstanceID", "InvalidInstanceID", "instance ID"),
    VOLUME("vol", "volume", "VolumeId", "InvalidVolume", "InvalidVolumeID", "volume"),
    IMAGE("ami", "image", "ImageId", "InvalidAMIID", "InvalidAMIID", "image id"),
    SNAPSHOT("snap", "snapshot", "SnapshotId", "InvalidSnapshot", "InvalidSnapshotID", "snapshot"),
    LAUNCH_TEMPLATE("lt", "launch-template", "LaunchTemplateId", "InvalidLaunchTemplateId", "InvalidLaunchTemplateId",
            "launch template ID");

    final String prefix;
    final String resourceType;
    final String idParameter;
    private final String notFoundCode;
    private final String malformedCode;
    private final String noun;
    private final Pattern shape;

    Ec2Kind(String prefix, String resourceType, String idParameter, String notFoundPrefix, String malformedPrefix,
            String noun) {
        this.prefix = prefix;
        this.resourceType = resourceType;
        this.idParameter = idParameter;
        this.notFoundCode = notFoundPrefix + ".NotFound";
        this.malformedCode = malformedPrefix + ".Malformed";
        this.noun = noun;
        this.shape = Pattern.compile(prefix + "-([0-9a-f]{8}|[0-9a-f]{17})");
    }

    /** The kind an id names by its prefix, if any. */
    static Optional<Ec2Kind> of(String id) {
        return Arrays.stream(values()).filter(k -> id != null && id.startsWith(k.prefix + "-")).findFirst();
    }

    void requireWellFormed(String id) {
        if (id == null || !shape.matcher(id).matches()) {
            throw AwsError.badRequest(malformedCode, "Invalid id: \"" + id + "\" (expecting \"" + prefix + "-...\")");
        }
    }

    AwsError notFound(String ids) {
        return AwsError.notFound(notFoundCode, "The " + noun + " '" + ids + "' does not exist");
    }
}
