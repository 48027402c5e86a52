package io.drc.controller.replication;

import java.util.Set;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;

/** Turns what a step threw into a retry of the right class. */
public final class AwsErrorClassifier {
    /** Quotas the SDK does not retry (AWS-FACTS.md): wait for a copy slot instead of failing. */
    private static final Set<String> QUOTA_CODES = Set.of("ResourceLimitExceeded", "SnapshotQuotaExceeded",
            "SnapshotQuotaExceededFault", "RequestLimitExceeded", "Throttling", "ThrottlingException",
            "PriorRequestNotComplete");

    private AwsErrorClassifier() {}

    public static StepOutcome.Retry classify(Exception e) {
        if (e instanceof AwsServiceException aws) {
            String code = aws.awsErrorDetails() == null ? null : aws.awsErrorDetails().errorCode();
            String message = code + ": " + (aws.awsErrorDetails() == null ? aws.getMessage()
                    : aws.awsErrorDetails().errorMessage());
            if (aws.isThrottlingException() || QUOTA_CODES.contains(code)) {
                return new StepOutcome.Retry(StepOutcome.ErrorClass.QUOTA, message);
            }
            if (aws.statusCode() >= 500) {
                return new StepOutcome.Retry(StepOutcome.ErrorClass.TRANSIENT, message);
            }
            return new StepOutcome.Retry(StepOutcome.ErrorClass.RESOURCE, message);
        }
        if (e instanceof SdkClientException) {
            return new StepOutcome.Retry(StepOutcome.ErrorClass.TRANSIENT, "AWS unreachable: " + e.getMessage());
        }
        return new StepOutcome.Retry(StepOutcome.ErrorClass.RESOURCE, e.getClass().getSimpleName() + ": " + e.getMessage());
    }
}
