package io.drc.controller.health;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.util.Locale;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

/**
 * {@code drc_aws_calls_total{service,action,outcome}}: every AWS API call drc makes, counted by the SDK clients
 * themselves (an interceptor that {@code AwsClients} gives every client it builds). One call is one SDK
 * invocation, its retries inside it; {@code outcome} is {@code success}, {@code throttled}, {@code client_error}
 * (AWS refused it, 4xx), {@code server_error} (5xx) or {@code unreachable} (no answer: connection, timeout).
 */
public final class AwsCallMetrics implements ExecutionInterceptor {
    public static final String NAME = "drc_aws_calls";

    private final Counter calls = Counter.builder().name(NAME)
            .help("AWS API calls by service (the SDK's name, lower case), action and outcome")
            .labelNames("service", "action", "outcome").build();

    public void register(PrometheusRegistry registry) {
        registry.register(calls);
    }

    @Override
    public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
        count(attributes, "success");
    }

    @Override
    public void onExecutionFailure(Context.FailedExecution context, ExecutionAttributes attributes) {
        count(attributes, outcome(context.exception()));
    }

    static String outcome(Throwable failure) {
        if (failure instanceof AwsServiceException aws) {
            if (aws.isThrottlingException()) {
                return "throttled";
            }
            return aws.statusCode() >= 500 ? "server_error" : "client_error";
        }
        return "unreachable";
    }

    private void count(ExecutionAttributes attributes, String outcome) {
        String service = attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME);
        String action = attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
        calls.labelValues(service == null ? "unknown" : service.toLowerCase(Locale.ROOT),
                action == null ? "unknown" : action, outcome).inc();
    }
}
