package io.drc.simulator.protocol;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.drc.simulator.core.AwsError;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.awssdk.core.SdkPojo;

/**
 * AWS JSON 1.0 / 1.1 (CloudWatch for botocore and the AWS CLI since they prefer it to query): {@code POST /} with
 * {@code X-Amz-Target: <TargetPrefix>.<Operation>}, {@code Content-Type: application/x-amz-json-1.0} and a JSON
 * object of the input members; the answer likewise. botocore adds {@code x-amzn-query-mode: true} for an
 * {@code awsQueryCompatible} service, whose errors carry their query code as {@link QueryCompatibleErrors} says.
 */
public final class AwsJsonProtocol implements Protocol {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonFactory FACTORY = JSON.getFactory();
    private static final String CONTENT_TYPE_PREFIX = "application/x-amz-json-";

    private final String targetPrefix;
    private final String contentType;
    private final QueryCompatibleErrors errors;

    /**
     * @param targetPrefix the service's target prefix, e.g. {@code GraniteServiceVersion20100801}
     * @param jsonVersion  {@code 1.0} or {@code 1.1}
     * @param errors       how errors name their shape and query code
     */
    public AwsJsonProtocol(String targetPrefix, String jsonVersion, QueryCompatibleErrors errors) {
        this.targetPrefix = targetPrefix;
        this.contentType = CONTENT_TYPE_PREFIX + jsonVersion;
        this.errors = errors;
    }

    /** Whether a request speaks an AWS JSON protocol: it names its operation in {@code X-Amz-Target}. */
    public static boolean speaks(WireRequest request) {
        String type = request.header("content-type");
        return request.header("x-amz-target") != null || type != null && type.startsWith(CONTENT_TYPE_PREFIX);
    }

    /** Whether the request's target names this service, e.g. {@code GraniteServiceVersion20100801.PutMetricData}. */
    public boolean targets(WireRequest request) {
        String target = request.header("x-amz-target");
        return target != null && target.startsWith(targetPrefix + ".");
    }

    @Override
    public String operation(WireRequest request) {
        String target = request.header("x-amz-target");
        int dot = target == null ? -1 : target.lastIndexOf('.');
        return dot < 0 || !targets(request) ? null : target.substring(dot + 1);
    }

    @Override
    public SdkPojo readRequest(WireRequest request, String operation, SdkPojo builder) {
        byte[] body = RpcV2CborProtocol.decompressed(request);
        JsonNode input;
        try {
            input = body.length == 0 ? JSON.createObjectNode() : JSON.readTree(body);
        } catch (IOException e) {
            throw AwsError.badRequest("SerializationException", "Cannot read the JSON request body: " + e.getMessage());
        }
        if (input == null || !input.isObject()) {
            throw AwsError.badRequest("SerializationException", "The request body must be a JSON object");
        }
        return DocumentPojos.read(input, builder);
    }

    @Override
    public WireResponse writeResponse(String operation, SdkPojo response, String requestId) {
        return json(200, requestId, out -> DocumentPojos.write(out, response, DocumentPojos.Encoding.JSON), Map.of());
    }

    @Override
    public WireResponse writeError(AwsError error, String requestId) {
        return json(error.status(), requestId, DocumentPojos.error(errors.type(error), error.getMessage()),
                Map.of(QueryCompatibleErrors.HEADER, QueryCompatibleErrors.header(error)));
    }

    @Override
    public AwsError unknownOperation(String operation, String service) {
        return Protocol.unknownOperationException(400, operation, service);
    }

    private WireResponse json(int status, String requestId, DocumentPojos.Body body, Map<String, String> extraHeaders) {
        Map<String, String> headers = new LinkedHashMap<>(extraHeaders);
        headers.put("Content-Type", contentType);
        headers.put("x-amzn-RequestId", requestId);
        return new WireResponse(status, headers, DocumentPojos.encode(FACTORY, body));
    }
}
