package io.drc.simulator.ec2;

import io.drc.simulator.core.AwsError;
import io.drc.simulator.core.RegionState;

/** The KMS key an encrypted EBS resource uses: the given one, which must live in the resource's region, or aws/ebs. */
final class KmsKeys {
    private KmsKeys() {
    }

    /** @return the key ARN, or null for an unencrypted resource */
    static String effective(RegionState region, boolean encrypted, String kmsKeyId) {
        if (kmsKeyId == null) {
            return encrypted ? region.arn("kms", "alias/aws/ebs") : null;
        }
        if (!encrypted) {
            throw AwsError.badRequest("InvalidParameterDependency",
                    "The parameter KmsKeyId requires the parameter Encrypted to be set.");
        }
        if (kmsKeyId.startsWith("arn:") && !kmsKeyId.startsWith("arn:aws:kms:" + region.name() + ":")) {
            throw AwsError.badRequest("InvalidParameterValue", "Value (" + kmsKeyId
                    + ") for parameter kmsKeyId is invalid. The KMS key must be in the destination region "
                    + region.name() + ".");
        }
        return kmsKeyId.startsWith("arn:") ? kmsKeyId : region.arn("kms", "key/" + kmsKeyId);
    }
}
