package io.drc.simulator.autoscaling;

import io.drc.simulator.core.AwsError;

/** Auto Scaling's validation errors, worded as AWS words them. */
final class AutoScalingErrors {
    private AutoScalingErrors() {
    }

    static AwsError required(String member) {
        return validation("1 validation error detected: Value null at '" + member
                + "' failed to satisfy constraint: Member must not be null");
    }

    static AwsError validation(String message) {
        return AwsError.badRequest("ValidationError", message);
    }

    /** Min ≤ Desired ≤ Max, or the request is rejected. */
    static void requireBounds(int min, int max, int desired) {
        if (min > max) {
            throw validation("Max bound, " + max + ", must be greater than or equal to min bound, " + min);
        }
        if (desired < min || desired > max) {
            throw validation("Desired capacity:" + desired + " must be between the specified min size:" + min
                    + " and max size:" + max);
        }
    }
}
