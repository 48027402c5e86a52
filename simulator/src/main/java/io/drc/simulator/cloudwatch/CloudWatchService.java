package io.drc.simulator.cloudwatch;

import io.drc.simulator.core.ServiceIdentity;
import io.drc.simulator.core.AwsError;
import io.drc.simulator.core.AwsService;
import io.drc.simulator.protocol.AwsJsonProtocol;
import io.drc.simulator.protocol.Protocol;
import io.drc.simulator.protocol.QueryCompatibleErrors;
import io.drc.simulator.protocol.QueryProtocol;
import io.drc.simulator.protocol.RpcV2CborProtocol;
import io.drc.simulator.protocol.WireRequest;
import java.util.Map;

/**
 * CloudWatch: custom metrics, statistics over them and over the metrics other simulated services publish
 * ({@link io.drc.simulator.core.MetricProvider}), and metric alarms evaluated every minute on the simulated clock
 * ({@link AlarmClock}). Speaks rpcv2Cbor (SDK 2.40.6 and later), AWS JSON 1.0 (botocore and the AWS CLI since they
 * prefer it) and query (older SDKs, the AWS CLI 2.9).
 */
public final class CloudWatchService extends AwsService {
    static final String VERSION = "2010-08-01";
    private static final String TARGET_PREFIX = "GraniteServiceVersion20100801";
    private static final Protocol QUERY = QueryProtocol.query("http://monitoring.amazonaws.com/doc/2010-08-01/");
    /** CloudWatch is awsQueryCompatible: its Smithy error shapes and the query codes the clients report for them. */
    private static final QueryCompatibleErrors ERRORS = new QueryCompatibleErrors("com.amazonaws.cloudwatch", Map.of(
            "InvalidParameterValue", "InvalidParameterValueException",
            "MissingParameter", "MissingRequiredParameterException",
            "InvalidParameterCombination", "InvalidParameterCombinationException",
            "InvalidNextToken", "InvalidNextToken",
            "LimitExceeded", "LimitExceededFault",
            "ResourceNotFound", "ResourceNotFoundException",
            "InternalServiceError", "InternalServiceFault",
            "InvalidFormat", "InvalidFormatFault",
            "Throttling", "com.amazon.coral.availability#ThrottlingException"));
    private static final Protocol CBOR = new RpcV2CborProtocol(ERRORS);
    private static final AwsJsonProtocol JSON = new AwsJsonProtocol(TARGET_PREFIX, "1.0", ERRORS);

    private static final ServiceIdentity IDENTITY = new ServiceIdentity("monitoring", QUERY, VERSION,
            ServiceIdentity.RATE_EXCEEDED, new AwsError(500, "InternalServiceError", "Internal service error."));

    public CloudWatchService() {
        super(IDENTITY, new MetricDataOperations(), new StatisticsOperations(), new AlarmOperations(),
                new AlarmStateOperations());
    }

    @Override
    public Protocol protocolFor(WireRequest request) {
        if (RpcV2CborProtocol.speaks(request)) {
            return CBOR;
        }
        return AwsJsonProtocol.speaks(request) ? JSON : QUERY;
    }

    @Override
    public boolean claims(WireRequest request) {
        return super.claims(request) || request.path().startsWith("/service/" + TARGET_PREFIX + "/") || JSON.targets(request);
    }

    static void required(Object value, String name) {
        if (value == null || value instanceof String text && text.isEmpty()) {
            throw AwsError.missingParameter(name);
        }
    }
}
