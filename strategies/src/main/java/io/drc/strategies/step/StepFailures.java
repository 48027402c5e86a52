package io.drc.strategies.step;

import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;

/**
 * Turns what a step handler threw into a {@link StepResult.Failed} whose error name runbooks can match:
 * {@code Drc.RegionUnreachable} (no answer: connection refused or dropped, timeouts), {@code Drc.Throttled}
 * (throttling that outlived the SDK's own retries), {@code Drc.NotFound}, {@code Drc.InvalidRunbook}
 * (a Task lacks a parameter or has an unusable one), else {@code Drc.AwsError} with AWS's code in the cause.
 */
public final class StepFailures {
    private StepFailures() {
    }

    public static StepResult.Failed classify(RuntimeException e) {
        if (e instanceof InvalidParameterException) {
            return new StepResult.Failed("Drc.InvalidRunbook", e.getMessage());
        }
        if (e instanceof MissingResourceException) {
            return new StepResult.Failed("Drc.NotFound", e.getMessage());
        }
        if (e instanceof AwsServiceException aws) {
            String code = aws.awsErrorDetails() == null ? "Unknown" : aws.awsErrorDetails().errorCode();
            String message = code + ": " + (aws.awsErrorDetails() == null ? aws.getMessage() : aws.awsErrorDetails().errorMessage());
            if (aws.isThrottlingException()) {
                return new StepResult.Failed("Drc.Throttled", message);
            }
            if (code != null && (code.contains("NotFound") || aws.statusCode() == 404)) {
                return new StepResult.Failed("Drc.NotFound", message);
            }
            return new StepResult.Failed("Drc.AwsError", message);
        }
        if (e instanceof SdkClientException) {
            return new StepResult.Failed("Drc.RegionUnreachable", "no answer from AWS: " + e.getMessage());
        }
        return new StepResult.Failed("Drc.InternalError", e.toString());
    }
}
