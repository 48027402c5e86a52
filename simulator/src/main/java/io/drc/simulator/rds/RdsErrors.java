package io.drc.simulator.rds;

import io.drc.simulator.core.AwsError;

/** RDS's own error codes and HTTP statuses (as the SDK's RdsClient registers them) with AWS's wording. */
final class RdsErrors {
    private RdsErrors() {
    }

    static AwsError instanceNotFound(String id) {
        return new AwsError(404, "DBInstanceNotFound", "DBInstance " + id + " not found.");
    }

    static AwsError instanceAlreadyExists() {
        return AwsError.badRequest("DBInstanceAlreadyExists", "DB instance already exists");
    }

    static AwsError invalidInstanceState(String message) {
        return AwsError.badRequest("InvalidDBInstanceState", message);
    }

    static AwsError snapshotNotFound(String id) {
        return new AwsError(404, "DBSnapshotNotFound", "DBSnapshot " + id + " not found.");
    }

    static AwsError snapshotAlreadyExists(String id) {
        return AwsError.badRequest("DBSnapshotAlreadyExists",
                "Cannot create the snapshot because a snapshot with the identifier " + id + " already exists.");
    }

    static AwsError invalidSnapshotState(String message) {
        return AwsError.badRequest("InvalidDBSnapshotState", message);
    }

    static AwsError snapshotQuotaExceeded(String message) {
        return AwsError.badRequest("SnapshotQuotaExceeded", message);
    }

    static AwsError kmsKeyNotAccessible(String keyId, String region) {
        return AwsError.badRequest("KMSKeyNotAccessibleFault",
                "The specified KMS key " + keyId + " does not exist, is not enabled or is not in region " + region + ".");
    }

    static AwsError invalidParameterValue(String message) {
        return AwsError.badRequest("InvalidParameterValue", message);
    }

    static AwsError invalidParameterCombination(String message) {
        return AwsError.badRequest("InvalidParameterCombination", message);
    }
}
